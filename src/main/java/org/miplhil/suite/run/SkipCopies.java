package org.miplhil.suite.run;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.miplhil.dut.JournalEntry;
import org.miplhil.dut.RequestCopies;
import org.miplhil.dut.UrcMatcher;

/**
 * URC expectations blind to copies of request URCs ({@link RequestCopies}: the module shows a retransmitted request
 * again): an {@code answer} step must not answer it twice, an {@code expect-urc} step waiting for the next request
 * must not take it, and an in-order expectation must not take it for a URC out of order. Used by one step, on the
 * session's scan of the journal (index order), which may ask about one line more than once.
 */
final class SkipCopies {

    private final RequestCopies copies = new RequestCopies();
    private final Map<Integer, Boolean> verdicts = new HashMap<>();

    /** {@code before}: the case's journal up to where the step starts looking. */
    SkipCopies(List<? extends JournalEntry> before) {
        for (JournalEntry e : before) {
            if (e instanceof JournalEntry.Received r) {
                copies.observe(r);
            }
        }
    }

    /** Whether the URC is a copy of a request URC seen before it; asked in journal order. */
    synchronized boolean isCopy(JournalEntry.Received r) {
        return verdicts.computeIfAbsent(r.index(), i -> copies.observe(r));
    }

    /** {@code matcher}, blind to copies. */
    <T> UrcMatcher<T> skipping(UrcMatcher<T> matcher) {
        return new UrcMatcher<>() {
            @Override
            public Optional<T> match(JournalEntry.Received urc) {
                return isCopy(urc) ? Optional.empty() : matcher.match(urc);
            }

            @Override
            public String description() {
                return matcher.description();
            }

            @Override
            public String toString() {
                return matcher.toString();
            }
        };
    }
}
