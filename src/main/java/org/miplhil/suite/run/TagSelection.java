package org.miplhil.suite.run;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.junit.platform.engine.TestTag;
import org.junit.platform.launcher.tagexpression.ParseResult;
import org.junit.platform.launcher.tagexpression.TagExpression;

/**
 * A tag expression in the JUnit Platform's syntax ({@code doc:3.3.7 & !slow}, {@code AT+MIPLOPEN | ets:101},
 * {@code any()}, {@code none()}), evaluated with the JUnit Platform launcher's own parser, so that
 * {@code ./mipl-hil run --tags} and Maven's {@code -Dgroups} select the same cases. Suite tags are valid JUnit tags
 * as written: the suite loader refuses spaces and the characters {@code , ( ) & | !}.
 */
public final class TagSelection {

    private final String expression;
    private final TagExpression parsed;

    private TagSelection(String expression, TagExpression parsed) {
        this.expression = expression;
        this.parsed = parsed;
    }

    /** Every case. */
    public static TagSelection all() {
        return new TagSelection("", null);
    }

    /** The expression, or why it is not one. */
    public static Parsed parse(String expression) {
        if (expression == null || expression.isBlank()) {
            return new Parsed(Optional.of(all()), Optional.empty());
        }
        ParseResult r = TagExpression.parseFrom(expression);
        if (r.tagExpression().isEmpty()) {
            return new Parsed(Optional.empty(), Optional.of("invalid tag expression '" + expression + "': "
                    + r.errorMessage().orElse("cannot be parsed")));
        }
        return new Parsed(Optional.of(new TagSelection(expression.strip(), r.tagExpression().get())), Optional.empty());
    }

    /** Outcome of {@link #parse}. */
    public record Parsed(Optional<TagSelection> selection, Optional<String> error) {}

    public boolean matches(Collection<String> tags) {
        if (parsed == null) {
            return true;
        }
        List<TestTag> testTags = new ArrayList<>();
        for (String t : tags) {
            if (TestTag.isValid(t)) {
                testTags.add(TestTag.create(t));
            }
        }
        return parsed.evaluate(testTags);
    }

    /** The expression as given; empty for every case. */
    public String expression() {
        return expression;
    }

    public boolean selectsAll() {
        return parsed == null;
    }
}
