package org.miplhil.junit;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.platform.engine.TestTag;

/**
 * Suite tags as JUnit tags. No mapping is needed: JUnit forbids only whitespace, ISO control characters and
 * {@code , ( ) & | !} in a tag, and the suite loader refuses those, so {@code doc:3.3.15}, {@code AT+MIPLOPEN},
 * {@code +MIPLREAD} and {@code ets:101} are JUnit tags as written ({@code -Dgroups='doc:3.3.15 & !slow'}).
 */
final class Tags {

    private Tags() {
    }

    static Set<TestTag> of(Collection<String> tags) {
        Set<TestTag> out = new LinkedHashSet<>();
        for (String t : tags) {
            if (TestTag.isValid(t)) {
                out.add(TestTag.create(t));
            }
        }
        return out;
    }
}
