package org.miplhil.suite.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.miplhil.dut.JournalEntry;
import org.miplhil.dut.ModuleSession;
import org.miplhil.dut.Reply;
import org.miplhil.dut.mcu.AnswerMode;
import org.miplhil.dut.mcu.McuApplication;
import org.miplhil.dut.state.ModuleState;
import org.miplhil.dut.state.ModuleStrategy;
import org.miplhil.dut.state.Move;
import org.miplhil.dut.state.RegistrationTarget;
import org.miplhil.dut.state.TransitionFailure;
import org.miplhil.dut.state.TransitionResult;
import org.miplhil.dut.state.Waited;
import org.miplhil.objects.ObjectModel;

/**
 * Before a run: the module answers {@code AT}, is attached to the network (7.1: {@code AT+CEREG?} until
 * {@code +CEREG: 0,1}, or 0,5 roaming) and registers once against the run's platform ({@code AT+MIPLCREATE},
 * {@code AT+MIPLADDOBJ}, {@code AT+MIPLOPEN}, {@code +MIPLEVENT: 0,6}, then closed and deleted). Every move goes
 * through the {@link ModuleStrategy}, which knows how a module gets there; this class only says which check a
 * failing move belongs to and what arrived instead.
 *
 * <p>Usable on its own ({@link #run}): the suite runner calls it before the first case, the mutation runner may.
 */
public final class HealthCheck {

    /** The checks, in the order they run. */
    public enum Check {
        AT("AT"), ATTACH("attach"), REGISTRATION("registration"),
        /** The check's own exchange: the note's rules, and one final result per command of a ready module. */
        EXCHANGE("exchange");

        private final String word;

        Check(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    /**
     * @param command             the deadline of each command's final result (chapter 3: 5 s), and of the first
     *                            {@code AT}
     * @param attachWithin        how long the module may take to report itself attached
     * @param registration        what "registered" means against the run's platform (the objects, the configuration,
     *                            its deadline: {@code deadlines().registration()}); empty: not checked
     * @param registrationSkipped why registration is not checked, printed when {@code registration} is empty
     * @param objects             the object models the MCU answers the platform's requests after the registration
     *                            with; empty: no MCU
     */
    public record Settings(Duration command, Duration attachWithin, Optional<RegistrationTarget> registration,
                           String registrationSkipped, Optional<ObjectModel> objects) {
        public Settings {
            Objects.requireNonNull(command, "command");
            Objects.requireNonNull(attachWithin, "attachWithin");
            Objects.requireNonNull(registration, "registration");
            registrationSkipped = registrationSkipped == null ? "" : registrationSkipped;
            Objects.requireNonNull(objects, "objects");
        }
    }

    /** {@code <ref>} of every command (3.3.2: only 0). */
    private static final int REF = 0;
    /** 3.3.7: {@code AT+MIPLOPEN}'s {@code <timeout>} in 7.2.1's transcript, and the wait for event 6. */
    static final int OPEN_TIMEOUT_S = 30;
    /** 7.2.1: the lifetime of the note's registration. */
    private static final long LIFETIME_S = 86400;

    /**
     * The settings of a run: registration with {@code objects} (each {@code AT+MIPLADDOBJ}) at the platform's LwM2M
     * server ({@code AT+MIPLCONFIG=0,0,0,<host>,<port>}, bootstrap off), {@code AT+MIPLOPEN=0,86400,30} and event 6
     * within 30 s, the MCU answering the platform's requests from the same object models meanwhile; each command
     * within 5 s; the attach within {@code attachWithin}.
     */
    public static Settings registering(List<org.miplhil.objects.ObjectDef> objects, String platformHost, int coapPort,
                                       Duration attachWithin) {
        Duration command = org.miplhil.suite.Step.DEFAULT_RESPONSE_TIME;
        List<org.miplhil.at.MiplAddObj> adds = objects.stream().map(o -> o.addObj(REF)).toList();
        RegistrationTarget t = RegistrationTarget.of(adds).withoutSleepChange().withLifetime(LIFETIME_S)
                .withOpenTimeout(OPEN_TIMEOUT_S)
                .withConfig(org.miplhil.at.MiplConfig.of(0, 0, 0, platformHost, coapPort))
                .withDeadlines(new RegistrationTarget.Deadlines(command, attachWithin,
                        Duration.ofSeconds(OPEN_TIMEOUT_S), Duration.ofSeconds(10)));
        return new Settings(command, attachWithin, Optional.of(t), "", Optional.of(ObjectModel.of(objects)));
    }

    /** The settings without the registration part, and why it is left out. */
    public static Settings withoutRegistration(Duration attachWithin, String why) {
        return new Settings(org.miplhil.suite.Step.DEFAULT_RESPONSE_TIME, attachWithin, Optional.empty(), why,
                Optional.empty());
    }

    /** One check: passed, failed or skipped, with a line of detail. */
    public record Outcome(Check check, Status status, String detail) {
        public enum Status { PASSED, FAILED, SKIPPED }

        public String line() {
            return check.word() + ": " + status.name().toLowerCase(java.util.Locale.ROOT)
                    + (detail.isEmpty() ? "" : " (" + detail + ")");
        }
    }

    /**
     * Why the check failed: which check, what was awaited, its deadline and what arrived.
     *
     * @param kind the strategy's word for the failure (timed out, refused, ...)
     */
    public record Verdict(Check check, String awaited, Duration deadline, String after, List<String> arrived,
                          TransitionFailure.Kind kind, String detail) {

        public Verdict {
            arrived = List.copyOf(arrived);
        }

        /** {@code health check failed: registration: awaited +MIPLEVENT: 0,6 within 30 s after AT+MIPLOPEN; ...}. */
        public String message() {
            if (check == Check.EXCHANGE) {
                return "health check failed: " + check.word() + ": " + String.join("; ", arrived);
            }
            List<String> shown = arrived.size() <= SHOWN ? arrived : arrived.subList(0, SHOWN);
            return "health check failed: " + check.word() + ": awaited " + awaited + " within " + seconds(deadline)
                    + (after.isEmpty() ? "" : " after " + after) + "; arrived: "
                    + (arrived.isEmpty() ? "nothing" : String.join(", ", shown)
                    + (arrived.size() > SHOWN ? " (and " + (arrived.size() - SHOWN) + " more)" : ""));
        }
    }

    /**
     * What the check found.
     *
     * @param transcript the module's lines during the check, formatted as a case's transcript
     */
    public record Result(List<Outcome> checks, Optional<Verdict> failure, String transcript, Duration took) {
        public Result {
            checks = List.copyOf(checks);
            Objects.requireNonNull(failure, "failure");
        }

        public boolean passed() {
            return failure.isEmpty();
        }

        /** One line for the progress output. */
        public String summary() {
            return failure.map(Verdict::message).orElseGet(() -> "health check passed in " + seconds(took) + ": "
                    + String.join(", ", checks.stream().map(Outcome::line).toList()));
        }
    }

    /** How many arrived lines a verdict names (the transcript has them all). */
    static final int SHOWN = 10;

    private HealthCheck() {
    }

    /** Runs the checks on {@code session}, whatever state the module is in; leaves it attached, closed and deleted. */
    public static Result run(ModuleSession session, Settings s) {
        long start = System.nanoTime();
        int from = session.journal().size();
        List<Outcome> done = new ArrayList<>();
        RegistrationTarget.Deadlines d = new RegistrationTarget.Deadlines(s.command(), s.command(),
                RegistrationTarget.Deadlines.DEFAULT.registration(), RegistrationTarget.Deadlines.DEFAULT.close());
        RegistrationTarget up = s.registration().orElse(RegistrationTarget.of(List.of())).withoutSleepChange();
        ModuleStrategy strategy = new ModuleStrategy(session, up.withDeadlines(d));
        Optional<Verdict> failed = step(session, strategy, ModuleState.POWERED, Check.AT, s, done);
        if (failed.isEmpty()) {
            // the first AT within a command's deadline, the attach within its own
            strategy.retarget(up.withDeadlines(new RegistrationTarget.Deadlines(s.command(), s.attachWithin(),
                    d.registration(), d.close())));
            failed = step(session, strategy, ModuleState.ATTACHED, Check.ATTACH, s, done);
        }
        if (failed.isEmpty()) {
            if (s.registration().isEmpty()) {
                done.add(new Outcome(Check.REGISTRATION, Outcome.Status.SKIPPED, s.registrationSkipped()));
            } else {
                failed = register(session, strategy, s, done);
            }
        }
        List<JournalEntry> entries = session.journal().entries(from, Integer.MAX_VALUE);
        if (failed.isEmpty()) {
            List<String> problems = HealthCheckJournal.problems(session.journal().entries(0, from), entries, start);
            if (problems.isEmpty()) {
                done.add(new Outcome(Check.EXCHANGE, Outcome.Status.PASSED, "every command answered once"));
            } else {
                done.add(new Outcome(Check.EXCHANGE, Outcome.Status.FAILED, problems.get(0)));
                failed = Optional.of(new Verdict(Check.EXCHANGE, "the note's rules", Duration.ZERO, "", problems,
                        TransitionFailure.Kind.REFUSED, ""));
            }
        }
        return new Result(done, failed, Transcripts.format(entries, session.journal().startNanos()),
                Duration.ofNanos(System.nanoTime() - start));
    }

    private static Optional<Verdict> register(ModuleSession session, ModuleStrategy strategy, Settings s,
                                              List<Outcome> done) {
        strategy.retarget(s.registration().get());
        Optional<McuApplication> mcu = s.objects().map(o -> McuApplication.builder(session, o)
                .modeAll(AnswerMode.auto()).start());
        try {
            Optional<Verdict> failed = step(session, strategy, ModuleState.REGISTERED, Check.REGISTRATION, s, done);
            // closed and deleted again, whatever happened: the first case starts from an attached module
            TransitionResult down = strategy.transition(ModuleState.ATTACHED);
            if (failed.isEmpty() && !down.arrived()) {
                TransitionFailure f = down.failure().get();
                failed = Optional.of(verdict(session, Check.REGISTRATION, down, f, s, 0));
                done.set(done.size() - 1, new Outcome(Check.REGISTRATION, Outcome.Status.FAILED, f.toString()));
            }
            return failed;
        } finally {
            mcu.ifPresent(McuApplication::close);
        }
    }

    /** One transition as one check. */
    private static Optional<Verdict> step(ModuleSession session, ModuleStrategy strategy, ModuleState to, Check check,
                                          Settings s, List<Outcome> done) {
        int from = session.journal().size();
        TransitionResult r = strategy.transition(to);
        if (r.arrived()) {
            done.add(new Outcome(check, Outcome.Status.PASSED, passedDetail(check, r)));
            return Optional.empty();
        }
        TransitionFailure f = r.failure().get();
        done.add(new Outcome(check, Outcome.Status.FAILED, f.toString()));
        return Optional.of(verdict(session, check, r, f, s, from));
    }

    private static String passedDetail(Check check, TransitionResult r) {
        return switch (check) {
            case AT -> "OK";
            case ATTACH -> r.steps().stream().filter(l -> l.startsWith("AT+CEREG?")).reduce((a, b) -> b)
                    .orElse(String.join("; ", r.steps()));
            case REGISTRATION -> r.registered().map(e -> e.text() + " after " + e.delay().toMillis() + " ms")
                    .orElse("registered");
            case EXCHANGE -> "";
        };
    }

    /** What was awaited, with its deadline, and what the module sent instead. */
    private static Verdict verdict(ModuleSession session, Check check, TransitionResult r, TransitionFailure f,
                                   Settings s, int from) {
        RegistrationTarget.Deadlines d = s.registration().map(RegistrationTarget::deadlines).orElse(RegistrationTarget.Deadlines.DEFAULT);
        Optional<Waited> missed = r.waits().stream().filter(w -> w.arrived().isEmpty()).reduce((a, b) -> b);
        Move move = f.move().orElse(null);
        List<JournalEntry> seen = session.journal().entries(from, Integer.MAX_VALUE);
        if (move == Move.OPEN && f.kind() != TransitionFailure.Kind.REFUSED) {
            // what the module said after AT+MIPLOPEN: the URCs that came instead of event 6
            int open = lastSent(seen, "AT+MIPLOPEN");
            return new Verdict(check, "+MIPLEVENT: 0,6", d.registration(), "AT+MIPLOPEN", urcs(seen, open),
                    f.kind(), f.message());
        }
        if (f.kind() == TransitionFailure.Kind.REFUSED || f.kind() == TransitionFailure.Kind.SESSION) {
            Optional<Reply> last = r.replies().isEmpty() ? Optional.empty()
                    : Optional.of(r.replies().get(r.replies().size() - 1));
            String command = last.map(Reply::command).orElse(move == null ? "a command" : move.description());
            List<String> arrived = last.filter(x -> !x.isOk()).map(x -> {
                List<String> l = new ArrayList<>(x.lines());
                l.add(x.result().text());
                return l;
            }).orElseGet(() -> received(seen, 8));
            return new Verdict(check, "OK to " + command, s.command(), "", arrived, f.kind(), f.message());
        }
        String awaited = switch (check) {
            case AT -> "OK to AT";
            case ATTACH -> "+CEREG: 0,1 or 0,5";
            case REGISTRATION, EXCHANGE -> missed.map(Waited::awaited)
                    .orElse(move == null ? check.word() : move.description());
        };
        Duration deadline = missed.map(Waited::deadline).orElse(check == Check.ATTACH ? s.attachWithin() : s.command());
        return new Verdict(check, awaited, deadline, check == Check.ATTACH ? "AT+CEREG?" : "", received(seen, 8),
                f.kind(), f.message());
    }

    private static int lastSent(List<JournalEntry> seen, String prefix) {
        int at = -1;
        for (int i = 0; i < seen.size(); i++) {
            if (seen.get(i) instanceof JournalEntry.Sent sent && sent.text().startsWith(prefix)) {
                at = i;
            }
        }
        return at;
    }

    /** The URCs after position {@code after} of {@code seen}. */
    private static List<String> urcs(List<JournalEntry> seen, int after) {
        List<String> out = new ArrayList<>();
        for (int i = after + 1; i < seen.size(); i++) {
            if (seen.get(i) instanceof JournalEntry.Received r && r.isUrc() && !r.isNoise()) {
                out.add(r.text());
            }
        }
        return out;
    }

    /** The last {@code max} lines the module sent. */
    private static List<String> received(List<JournalEntry> seen, int max) {
        List<String> out = new ArrayList<>();
        for (JournalEntry e : seen) {
            if (e instanceof JournalEntry.Received r && !r.isNoise() && !r.text().isBlank()) {
                out.add(r.text());
            }
        }
        return out.size() <= max ? out : out.subList(out.size() - max, out.size());
    }

    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
