package org.miplhil.suite.run;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.miplhil.at.MiplRequest;
import org.miplhil.dut.JournalEntry;
import org.miplhil.dut.UrcMatcher;

/**
 * Copies of request URCs, which a URC expectation of a suite does not match. The OneNET SDK of the BC260Y-CN
 * prints a request's URC again, the same line with the same msgId, for every retransmission of the request that
 * reaches it while the MCU has not answered ({@code cis_objects.c}: the callback runs before the duplicate
 * check); a second request with that msgId cannot be pending meanwhile. So a request URC whose exact line came
 * before in the case is the same request again: an {@code answer} step must not answer it twice, an
 * {@code expect-urc} step waiting for the next request must not take it, and an in-order expectation must not
 * take it for a URC out of order. Used by one step, on the session's scan of the journal (index order).
 */
final class RequestCopies {

    private final Set<String> seen = new HashSet<>();
    private final Map<Integer, Boolean> verdicts = new HashMap<>();

    /** {@code before}: the case's journal up to where the step starts looking. */
    RequestCopies(List<? extends org.miplhil.dut.JournalEntry> before) {
        for (JournalEntry e : before) {
            if (e instanceof JournalEntry.Received r && isRequest(r)) {
                seen.add(r.text());
            }
        }
    }

    private static boolean isRequest(JournalEntry.Received r) {
        return r.isUrc() && r.urc().flatMap(MiplRequest::of).isPresent();
    }

    /** Whether the URC is a copy of a request URC seen before it; asked in journal order. */
    synchronized boolean isCopy(JournalEntry.Received r) {
        return verdicts.computeIfAbsent(r.index(), i -> isRequest(r) && !seen.add(r.text()));
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
