package org.miplhil.suite.run;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.miplhil.at.AtCommandLine;
import org.miplhil.at.CommandHead;
import org.miplhil.at.MiplCommandName;
import org.miplhil.at.ParsedCommand;
import org.miplhil.dut.DeadlineExceeded;
import org.miplhil.dut.JournalEntry;
import org.miplhil.dut.Reply;
import org.miplhil.suite.ResultExpectation;
import org.miplhil.suite.Step;
import org.miplhil.suite.TextMatch;

/**
 * The module-command family: {@code send} with its final result ({@code expect}) and information lines
 * ({@code lines}), captures becoming variables. The commands of an {@code answer} step go the same way.
 */
final class CommandSteps {

    private final CaseContext ctx;

    CommandSteps(CaseContext ctx) {
        this.ctx = ctx;
    }

    void send(Step.Send step) {
        String command = ctx.render(step.command(), "the command");
        // lines after the previous expectation's match count, even one that came before the command was written
        int floor = ctx.cursor().from(org.miplhil.suite.Since.LAST_ACTION).index();
        Reply reply = sendAndCheck(command, step.expect(), step.lines(), step.within());
        if (!step.urcsBefore().isEmpty()) {
            checkUrcsBefore(command, step.urcsBefore(), floor, reply);
        }
    }

    /**
     * The URCs that had to come no later than the command's final result, in order, read from the journal (the
     * order the module wrote the lines, whatever the timing of the steps that follow); each found counts as matched.
     */
    private void checkUrcsBefore(String command, List<TextMatch> expected, int floor, Reply reply) {
        List<JournalEntry.Received> urcs = ctx.session().journal().entries(floor, reply.lastIndex()).stream()
                .filter(e -> e instanceof JournalEntry.Received r && r.isUrc())
                .map(e -> (JournalEntry.Received) e).toList();
        int next = 0;
        for (TextMatch m : expected) {
            boolean found = false;
            while (next < urcs.size() && !found) {
                JournalEntry.Received urc = urcs.get(next++);
                Optional<Map<String, String>> c = new LineMatcher(m, ctx.vars()).matchText(urc.text());
                if (c.isPresent()) {
                    ctx.vars().putAll(c.get());
                    ctx.cursor().matched(urc);
                    found = true;
                }
            }
            if (!found) {
                List<String> seen = urcs.stream().map(JournalEntry::text).toList();
                throw StepFailed.module(command + ": expected " + CaseContext.describe(expected, ctx.vars())
                        + " no later than its"
                        + " final result " + reply.result().text() + ", in that order; up to " + reply.result().text()
                        + " came " + (seen.isEmpty() ? "no URC" : String.join(" | ", seen)));
            }
        }
    }

    /** Sends a command, makes it the latest action, and checks its final result and information lines. */
    Reply sendAndCheck(String command, ResultExpectation expect, Optional<List<TextMatch>> lines, Duration within) {
        int index = ctx.journalSize();
        long before = System.nanoTime();
        String name = commandName(command);
        Reply reply;
        try {
            reply = ctx.session().send(command, within);
        } catch (DeadlineExceeded e) {
            ctx.cursor().acted(index, before, name);
            ctx.rec().deadline(name + " -> final result", before, within, null);
            throw StepFailed.module(e.getMessage());
        }
        ctx.cursor().commandAnswered(reply, name);
        long arrived = reply.writtenNanos() + reply.latency().toNanos();
        ctx.rec().deadline(name + " -> " + reply.result().text(), reply.writtenNanos(), within, arrived);
        String result = reply.result().text();
        noteInstance(command, reply);
        if (expect instanceof ResultExpectation.OneOf oneOf) {
            Optional<Map<String, String>> captured = Optional.empty();
            for (TextMatch m : oneOf.results()) {
                captured = new LineMatcher(m, ctx.vars()).matchText(result);
                if (captured.isPresent()) {
                    break;
                }
            }
            if (captured.isEmpty()) {
                throw StepFailed.module(command + ": expected the final result "
                        + CaseContext.describe(oneOf.results(), ctx.vars())
                        + ", got " + result + " after " + CaseContext.millis(reply.latency()) + evidence(reply));
            }
            ctx.vars().putAll(captured.get());
        }
        if (lines.isPresent()) {
            checkLines(command, lines.get(), reply);
        }
        return reply;
    }

    private void checkLines(String command, List<TextMatch> expected, Reply reply) {
        List<String> got = reply.lines();
        Map<String, String> captured = new HashMap<>();
        boolean ok = got.size() == expected.size();
        for (int i = 0; ok && i < expected.size(); i++) {
            Map<String, String> scope = new HashMap<>(ctx.vars());
            scope.putAll(captured);
            Optional<Map<String, String>> m = new LineMatcher(expected.get(i), scope).matchText(got.get(i));
            if (m.isEmpty()) {
                ok = false;
            } else {
                captured.putAll(m.get());
            }
        }
        if (!ok) {
            throw StepFailed.module(command + ": expected the information lines "
                    + CaseContext.describe(expected, ctx.vars())
                    + ", got " + (got.isEmpty() ? "none" : String.join(" | ", got)) + " (final result "
                    + reply.result().text() + ")");
        }
        ctx.vars().putAll(captured);
    }

    /** Whether the module may hold an instance the case created (so that the end of the case deletes it). */
    private void noteInstance(String command, Reply reply) {
        if (!reply.isOk()) {
            return;
        }
        Optional<MiplCommandName> name = head(command).flatMap(h -> MiplCommandName.of(h.name()));
        if (name.equals(Optional.of(MiplCommandName.MIPLCREATE))) {
            ctx.instanceMayExist(true);
        } else if (name.equals(Optional.of(MiplCommandName.MIPLDELETE))) {
            ctx.instanceMayExist(false);
        }
    }

    /**
     * A command's name for deadline labels: {@code AT+MIPLOPEN} of {@code AT+MIPLOPEN=0,86400,30} and of
     * {@code AT+MIPLOPEN=?}; a query ({@code AT+MIPLVER?}), an action or a line the syntax of 3.1.2 does not take
     * stays whole.
     */
    static String commandName(String command) {
        return head(command).filter(h -> h.form() == ParsedCommand.Form.SET || h.form() == ParsedCommand.Form.TEST)
                .map(h -> "AT" + h.name()).orElse(command);
    }

    private static Optional<CommandHead> head(String command) {
        return AtCommandLine.head(command).toOptional();
    }

    private static String evidence(Reply reply) {
        return reply.lines().isEmpty() ? "" : "; information lines: " + String.join(" | ", reply.lines());
    }
}
