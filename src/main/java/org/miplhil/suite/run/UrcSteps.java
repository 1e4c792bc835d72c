package org.miplhil.suite.run;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.miplhil.dut.Cursor;
import org.miplhil.dut.DeadlineExceeded;
import org.miplhil.dut.JournalEntry;
import org.miplhil.dut.UnexpectedUrc;
import org.miplhil.dut.UrcArrival;
import org.miplhil.dut.UrcMatcher;
import org.miplhil.suite.Since;
import org.miplhil.suite.Step;
import org.miplhil.suite.TextMatch;
import org.miplhil.suite.UrcOrder;

/**
 * The URC-expectation family: {@code expect-urc}, {@code expect-urcs} (in order, or in any order) and
 * {@code expect-no-urc}. The waits are the session's ({@code ModuleSession.expectInOrder}, {@code expectAnyOrder},
 * {@code expectNone}); this family decides where they start ({@link CaseCursor}), leaves out copies of requests
 * ({@link SkipCopies}), puts captures into the variables, measures every deadline, and lets the MCU application
 * answer a request it matched before the next step ({@link McuModes#awaitAnswerTo}).
 */
final class UrcSteps {

    private final CaseContext ctx;
    private final McuModes mcu;

    UrcSteps(CaseContext ctx, McuModes mcu) {
        this.ctx = ctx;
        this.mcu = mcu;
    }

    void expectUrc(Step.ExpectUrc step) {
        awaitUrc(step.urc(), step.within(), step.since());
    }

    /** One URC from {@code since}, matched once; its captures become variables. */
    UrcArrival<Map<String, String>> awaitUrc(TextMatch urc, Duration within, Since since) {
        Cursor from = ctx.cursor().from(since);
        String label = ctx.cursor().label(since);
        LineMatcher matcher = new LineMatcher(urc, ctx.vars());
        try {
            UrcArrival<Map<String, String>> a = ctx.session().expectUrc(from, ctx.copiesBefore(from).skipping(matcher),
                    within);
            ctx.cursor().matched(a.entry());
            ctx.deadline(label + " -> " + a.text(), from.nanoTime(), within, a.nanoTime());
            mcu.awaitAnswerTo(a.entry());
            return a;
        } catch (DeadlineExceeded | UnexpectedUrc e) {
            Optional<JournalEntry.Received> late = firstMatch(from, new LineMatcher(urc, new HashMap<>(ctx.vars())));
            ctx.deadline(label + " -> " + urc.source(), from.nanoTime(), within,
                    late.map(JournalEntry.Received::nanoTime).orElse(null));
            throw StepFailed.module(e.getMessage());
        }
    }

    void expectUrcs(Step.ExpectUrcs step) {
        if (step.order() == UrcOrder.IN_ORDER) {
            inOrder(step);
        } else {
            anyOrder(step);
        }
    }

    private void inOrder(Step.ExpectUrcs step) {
        Cursor from = ctx.cursor().from(step.since());
        String label = ctx.cursor().label(step.since());
        Map<String, String> bindings = new HashMap<>(ctx.vars());
        SkipCopies copies = ctx.copiesBefore(from);
        List<UrcMatcher<Map<String, String>>> matchers = step.urcs().stream()
                .map(u -> copies.skipping(new LineMatcher(u, bindings))).toList();
        try {
            List<UrcArrival<?>> found = ctx.session().expectInOrder(from, matchers, step.within());
            for (UrcArrival<?> a : found) {
                ctx.deadline(label + " -> " + a.text(), from.nanoTime(), step.within(), a.nanoTime());
                ctx.cursor().matched(a.entry());
            }
            for (UrcArrival<?> a : found) {
                mcu.awaitAnswerTo(a.entry());
            }
            ctx.vars().putAll(bindings);
        } catch (DeadlineExceeded | UnexpectedUrc e) {
            measureAfterFailure(from, label, step.urcs(), step.within());
            throw StepFailed.module(e.getMessage());
        }
    }

    /**
     * Every URC in any order; a later pattern may use what an earlier match captured (the captures go into the
     * variables as each URC matches).
     */
    private void anyOrder(Step.ExpectUrcs step) {
        Cursor from = ctx.cursor().from(step.since());
        String label = ctx.cursor().label(step.since());
        SkipCopies copies = ctx.copiesBefore(from);
        List<UrcMatcher<Map<String, String>>> matchers = step.urcs().stream()
                .map(u -> copies.skipping(new LineMatcher(u, ctx.vars()))).toList();
        List<UrcArrival<?>> found;
        try {
            found = ctx.session().expectAnyOrder(from, matchers, step.within()).stream()
                    .sorted(Comparator.comparingInt(a -> a.entry().index())).toList();
        } catch (DeadlineExceeded e) {
            for (UrcArrival<?> a : e.matched()) {
                ctx.deadline(label + " -> " + a.text(), from.nanoTime(), step.within(), a.nanoTime());
                ctx.cursor().matched(a.entry());
            }
            for (String missing : e.missing()) {
                ctx.rec().deadline(label + " -> " + missing, from.nanoTime(), step.within(), null);
            }
            throw StepFailed.module("awaited in any order within " + CaseContext.millis(step.within()) + ": "
                    + CaseContext.describe(step.urcs(), ctx.vars()) + "; still missing " + String.join(", ", e.missing())
                    + (e.matched().isEmpty() ? "" : "; matched "
                    + String.join(", ", e.matched().stream().map(UrcArrival::text).toList()))
                    + "\n  " + e.getMessage());
        }
        for (UrcArrival<?> a : found) {
            ctx.deadline(label + " -> " + a.text(), from.nanoTime(), step.within(), a.nanoTime());
            ctx.cursor().matched(a.entry());
        }
        for (UrcArrival<?> a : found) {
            mcu.awaitAnswerTo(a.entry());
        }
    }

    void expectNoUrc(Step.ExpectNoUrc step) {
        Cursor from = ctx.cursor().window(step.since());
        ctx.rec().phase("no " + step.urc().source(), from.nanoTime(), from.nanoTime() + step.during().toNanos());
        ctx.session().expectNone(from, ctx.copiesBefore(from).skipping(
                new LineMatcher(step.urc(), new HashMap<>(ctx.vars()))), step.during());
    }

    /** After a failed in-order wait, the time each URC did arrive (if it did), for the report's measurements. */
    private void measureAfterFailure(Cursor from, String label, List<TextMatch> urcs, Duration within) {
        Map<String, String> scratch = new HashMap<>(ctx.vars());
        Cursor at = from;
        for (TextMatch u : urcs) {
            Optional<JournalEntry.Received> hit = firstMatch(at, new LineMatcher(u, scratch));
            ctx.deadline(label + " -> " + hit.map(JournalEntry.Received::text).orElse(u.source()), from.nanoTime(),
                    within, hit.map(JournalEntry.Received::nanoTime).orElse(null));
            if (hit.isPresent()) {
                at = new Cursor(hit.get().index() + 1, from.nanoTime());
            }
        }
    }

    private Optional<JournalEntry.Received> firstMatch(Cursor from, LineMatcher matcher) {
        for (JournalEntry.Received r : ctx.session().journal().urcs(from.index())) {
            if (matcher.match(r).isPresent()) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
