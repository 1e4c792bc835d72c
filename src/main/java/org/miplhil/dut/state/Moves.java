package org.miplhil.dut.state;

import org.miplhil.at.NetworkRegistration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.miplhil.at.EventId;
import org.miplhil.at.MiplAddObj;
import org.miplhil.at.MiplClose;
import org.miplhil.at.MiplCreate;
import org.miplhil.at.MiplDelete;
import org.miplhil.at.MiplEvent;
import org.miplhil.at.MiplOpen;
import org.miplhil.dut.Cursor;
import org.miplhil.dut.DeadlineExceeded;
import org.miplhil.dut.LinkClosedException;
import org.miplhil.dut.ModuleSession;
import org.miplhil.dut.Reply;
import org.miplhil.dut.UrcArrival;
import org.miplhil.dut.UrcMatcher;

/**
 * The moves of a transition against one session, through AT commands and URCs only. Each records its replies, waits
 * and steps in the transition's {@link Record}, and throws {@link MoveFailed} with the evidence when it cannot go on.
 */
final class Moves {


    /** What one transition gathered so far. */
    static final class Record {
        final List<Reply> replies = new ArrayList<>();
        final List<Waited> waits = new ArrayList<>();
        final List<String> steps = new ArrayList<>();
        UrcArrival<MiplEvent> registered;
    }

    private final ModuleSession session;
    private final RegistrationTarget target;
    private final Optional<PowerControl> power;
    private final RegistrationTarget.Deadlines d;

    Moves(ModuleSession session, RegistrationTarget target, Optional<PowerControl> power) {
        this.session = session;
        this.target = target;
        this.power = power;
        this.d = target.deadlines();
    }

    /** One move from the state the strategy holds the module in ({@code from}). */
    void run(Move move, ModuleState from, Record rec) {
        switch (move) {
            case POWER_OFF -> power(false, rec);
            case POWER_ON -> power(true, rec);
            case READY -> ready(rec);
            case ATTACH -> attach(rec);
            case CONFIGURE -> configure(rec);
            case CREATE -> create(rec);
            case OPEN -> open(rec);
            case CLOSE -> close(rec);
            case REMOVE -> remove(from == ModuleState.REGISTERED, rec);
        }
    }

    private void power(boolean on, Record rec) {
        PowerControl p = power.orElseThrow(() -> new MoveFailed(TransitionFailure.Kind.IMPOSSIBLE,
                "there is no power control", null));
        try {
            if (on) {
                p.on();
            } else {
                p.off();
            }
        } catch (Exception e) {
            throw new MoveFailed(TransitionFailure.Kind.POWER, p.describe() + " failed to switch "
                    + (on ? "on" : "off") + ": " + e.getMessage(), e);
        }
        rec.steps.add("power " + (on ? "on" : "off") + " (" + p.describe() + ")");
    }

    /** {@code AT} until OK (asked again as soon as the booting module prints a line), then sleep off (7.1). */
    private void ready(Record rec) {
        Duration within = d.ready();
        long start = System.nanoTime();
        long deadline = start + within.toNanos();
        Duration probe = Duration.ofMillis(Math.min(1000, Math.max(100, within.toMillis() / 5)));
        StringBuilder tried = new StringBuilder();
        while (true) {
            Cursor sent = session.now();
            try {
                Reply r = session.send("AT", probe);
                if (r.isOk()) {
                    rec.replies.add(r);
                    rec.steps.add("AT -> OK");
                    rec.waits.add(new Waited("AT answered OK", within, Optional.of("OK"),
                            Duration.ofNanos(System.nanoTime() - start), tried.toString()));
                    break;
                }
                tried.append("\n  AT -> ").append(r.result().text());
            } catch (DeadlineExceeded e) {
                tried.append("\n  AT -> no answer within ").append(probe.toMillis()).append(" ms");
            }
            if (System.nanoTime() - deadline >= 0) {
                rec.waits.add(new Waited("AT answered OK", within, Optional.empty(), within, tried.toString()));
                throw new MoveFailed(TransitionFailure.Kind.TIMED_OUT, "the module did not answer AT with OK within "
                        + within.toMillis() + " ms:" + tried, null);
            }
            // a module still booting prints RDY or +CFUN when it is ready: ask again as soon as a line came
            try {
                session.expectUrc(sent, UrcMatcher.any(), probe.multipliedBy(2));
            } catch (DeadlineExceeded ignored) {
                // nothing came: ask again
            }
        }
        if (target.disableSleep()) {
            expectOk(rec, session.send("AT+QSCLK=0", d.command()), "disable sleep (7.1)");
        }
    }

    /** {@code AT+CEREG?} until registered, asked again on each +IP / +CEREG or after a second (7.1). */
    private void attach(Record rec) {
        if (!target.awaitNetwork()) {
            rec.steps.add("the network is not awaited (the target says so)");
            return;
        }
        Duration within = d.ready();
        long start = System.nanoTime();
        long deadline = start + within.toNanos();
        StringBuilder seen = new StringBuilder();
        while (true) {
            Reply r = session.send("AT+CEREG?", d.command());
            Optional<String> line = r.line("+CEREG:");
            if (r.isOk() && line.flatMap(NetworkRegistration::ofQueryAnswer).filter(NetworkRegistration::registered)
                    .isPresent()) {
                rec.replies.add(r);
                rec.steps.add("AT+CEREG? -> " + line.get());
                rec.waits.add(new Waited("+CEREG: 0,1 or 0,5", within, line, Duration.ofNanos(System.nanoTime() - start),
                        seen.toString()));
                return;
            }
            seen.append("\n  AT+CEREG? -> ").append(line.orElse("")).append(' ').append(r.result().text());
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                rec.waits.add(new Waited("+CEREG: 0,1 or 0,5", within, Optional.empty(), within, seen.toString()));
                throw new MoveFailed(TransitionFailure.Kind.TIMED_OUT, "the module did not attach to the network"
                        + " (+CEREG: 0,1 or 0,5) within " + within.toMillis() + " ms:" + seen, null);
            }
            try {
                session.expectUrc(session.now(), UrcMatcher.where(u -> NetworkRegistration.announcesChange(u.text()),
                        "+IP or +CEREG"), Duration.ofNanos(Math.min(left, 1_000_000_000L)));
            } catch (DeadlineExceeded ignored) {
                // ask again
            }
        }
    }

    private void configure(Record rec) {
        if (target.config().isEmpty()) {
            rec.steps.add("no AT+MIPLCONFIG: the module's own configuration");
            return;
        }
        expectOk(rec, session.send(target.config().get(), d.command()), "configure (3.3.1)");
    }

    private void create(Record rec) {
        expectOk(rec, session.send(new MiplCreate(), d.command()), "create the instance (3.3.2)");
        for (MiplAddObj add : target.objects()) {
            expectOk(rec, session.send(add, d.command()), "add object " + add.objId() + " (3.3.5)");
        }
    }

    /** {@code AT+MIPLOPEN}, then event 6 or a failure (5.7: 3, 5, 7, 8) ends it; the cursor is left after event 6. */
    private void open(Record rec) {
        Reply open = expectOk(rec, session.send(new MiplOpen(target.ref(), target.lifetime(), target.openTimeout()),
                d.command()), "register (3.3.7)");
        UrcMatcher<MiplEvent> outcome = UrcMatcher.type(MiplEvent.class, e -> switch (e.evtId()) {
            case 3, 5, 6, 7, 8 -> true;
            default -> false;
        }, "+MIPLEVENT 6 (REG_SUCCESS) or a failure (3, 5, 7, 8)");
        String awaited = outcome.description() + " after " + open.command();
        UrcArrival<MiplEvent> event;
        try {
            event = session.expectUrc(open.cursor(), outcome, d.registration());
        } catch (DeadlineExceeded e) {
            rec.waits.add(new Waited(awaited, d.registration(), Optional.empty(), d.registration(), ""));
            throw new MoveFailed(TransitionFailure.Kind.TIMED_OUT, "no registration outcome after " + open.command()
                    + ": " + e.getMessage(), e);
        }
        rec.waits.add(new Waited(awaited, d.registration(), Optional.of(event.text()), event.delay(), ""));
        rec.steps.add(event.text());
        if (event.value().evtId() != EventId.REG_SUCCESS.id()) {
            throw new MoveFailed(TransitionFailure.Kind.REGISTRATION_FAILED, "registration failed with " + event.text()
                    + " (" + event.value().event().map(Enum::name).orElse("?") + ") " + event.delay().toMillis()
                    + " ms after " + open.command(), null);
        }
        session.moveCursor(event.after());
        rec.registered = event;
    }

    private void close(Record rec) {
        Reply close = expectOk(rec, session.send(new MiplClose(target.ref()), d.command()), "deregister (3.3.8)");
        UrcMatcher<MiplEvent> done = UrcMatcher.event(EventId.DEREG_DONE);
        try {
            UrcArrival<MiplEvent> e = session.expectUrc(close.cursor(), done, d.close());
            rec.waits.add(new Waited(done.description(), d.close(), Optional.of(e.text()), e.delay(), ""));
            rec.steps.add(e.text());
        } catch (DeadlineExceeded e) {
            rec.waits.add(new Waited(done.description(), d.close(), Optional.empty(), d.close(), ""));
            throw new MoveFailed(TransitionFailure.Kind.TIMED_OUT, "no +MIPLEVENT: " + target.ref() + ",15 after "
                    + close.command() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Closed and deleted, whatever was created: close (then event 15, 7.2.1) and delete, both allowed to fail when
     * there is nothing to close or delete. A refused delete is proved by {@code AT+MIPLCREATE}: refused while an
     * instance is left, accepted (and that new one deleted) when none is; an instance left is closed and deleted
     * again until the close deadline runs out.
     */
    private void remove(boolean registered, Record rec) {
        Duration within = d.close();
        long deadline = System.nanoTime() + within.toNanos();
        int first = rec.steps.size();
        try {
            while (true) {
                Reply close = step(rec, new MiplClose(target.ref()).format());
                // 7.2.1: a registered instance says event 15 when closed; one that was never registered says
                // nothing after OK, so there is nothing to wait for (and a module left idle may fall asleep)
                if (registered && close != null && close.isOk()) {
                    UrcMatcher<MiplEvent> done = UrcMatcher.event(EventId.DEREG_DONE);
                    try {
                        // no longer than for a command: the registration may have ended meanwhile
                        UrcArrival<MiplEvent> e = session.expectUrc(close.cursor(), done, Duration.ofNanos(Math.max(1,
                                Math.min(d.command().toNanos(), deadline - System.nanoTime()))));
                        rec.steps.add(e.text());
                        rec.waits.add(new Waited(done.description(), within, Optional.of(e.text()), e.delay(), ""));
                    } catch (DeadlineExceeded e) {
                        rec.steps.add("no +MIPLEVENT: " + target.ref() + ",15 within " + within.toMillis() + " ms");
                        rec.waits.add(new Waited(done.description(), within, Optional.empty(), within, ""));
                    }
                }
                Reply delete = step(rec, new MiplDelete(target.ref()).format());
                if (delete != null && delete.isOk()) {
                    return;
                }
                Reply create = step(rec, new MiplCreate().format());
                if (create != null && create.isOk()) {
                    Reply again = step(rec, new MiplDelete(target.ref()).format());
                    if (again != null && again.isOk()) {
                        return; // nothing was left
                    }
                }
                if (System.nanoTime() - deadline >= 0) {
                    throw new MoveFailed(TransitionFailure.Kind.TIMED_OUT, "the module was not left deleted within "
                            + within.toMillis() + " ms:\n  " + String.join("\n  ", rec.steps.subList(first, rec.steps.size())), null);
                }
                // an instance is still there (registering, closing): wait for the module to say something
                try {
                    session.expectUrc(session.now(), UrcMatcher.any(),
                            Duration.ofNanos(Math.min(1_000_000_000L, Math.max(1, deadline - System.nanoTime()))));
                } catch (DeadlineExceeded ignored) {
                    // try again
                }
            }
        } catch (LinkClosedException e) {
            throw new MoveFailed(TransitionFailure.Kind.SESSION, "the link closed:\n  "
                    + String.join("\n  ", rec.steps.subList(first, rec.steps.size())), e);
        }
    }

    /** One command of {@link #remove}: a missing answer is a step, not a failure. */
    private Reply step(Record rec, String command) {
        try {
            Reply r = session.send(command, d.command());
            rec.replies.add(r);
            rec.steps.add(command + " -> " + r.result().text());
            return r;
        } catch (DeadlineExceeded e) {
            rec.steps.add(command + " -> no answer within " + d.command().toMillis() + " ms");
            return null;
        }
    }

    private static Reply expectOk(Record rec, Reply r, String step) {
        rec.replies.add(r);
        rec.steps.add(r.command() + " -> " + r.result().text());
        if (!r.isOk()) {
            throw new MoveFailed(TransitionFailure.Kind.REFUSED, step + ": " + r.command() + " answered "
                    + r.result().text() + (r.lines().isEmpty() ? "" : " after " + r.lines()), null);
        }
        return r;
    }
}
