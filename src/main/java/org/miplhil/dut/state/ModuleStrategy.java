package org.miplhil.dut.state;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.miplhil.at.Rdy;
import org.miplhil.dut.DeadlineExceeded;
import org.miplhil.dut.LinkClosedException;
import org.miplhil.dut.ModuleSession;

/**
 * Brings one module to a {@link ModuleState} from wherever it is, labgrid's Strategy for the BC260Y-CN: it knows the
 * state it left the module in, plans the {@link Route} there ({@link Route#plan}) and runs its {@link Move}s through
 * the session's AT commands and URCs, and through the power control when the supply must be switched. A hardware
 * module and the virtual one go through the same code.
 *
 * <p>One line for each caller: a suite setup {@code transition(REGISTERED).orThrow()}; clean-up
 * {@code transition(ATTACHED)}; a recovery after a power cut {@code assume(UNKNOWN)} then
 * {@code transition(REGISTERED)}. Whoever changes the module behind the strategy's back (a power step, commands of
 * its own) says where it left it with {@link #assume}.
 *
 * <p>One caller drives the module at a time (the session serialises commands anyway); {@link #followRestarts()}
 * may change the state from the session's reader thread.
 */
public final class ModuleStrategy {

    private final ModuleSession session;
    private volatile RegistrationTarget target;
    private final Optional<PowerControl> power;
    private volatile Moves moves;
    private volatile ModuleState state;

    /**
     * @param power   switches the supply for {@code OFF} and power cycles; empty: those routes are impossible
     * @param initial where the module is now ({@link ModuleState#UNKNOWN} when nobody checked)
     */
    public ModuleStrategy(ModuleSession session, RegistrationTarget target, Optional<PowerControl> power,
                          ModuleState initial) {
        this.session = Objects.requireNonNull(session, "session");
        this.target = Objects.requireNonNull(target, "target");
        this.power = Objects.requireNonNull(power, "power");
        this.state = Objects.requireNonNull(initial, "initial");
        this.moves = new Moves(session, target, power);
    }

    /** Without a power control, from {@link ModuleState#UNKNOWN}. */
    public ModuleStrategy(ModuleSession session, RegistrationTarget target) {
        this(session, target, Optional.empty(), ModuleState.UNKNOWN);
    }

    public ModuleSession session() {
        return session;
    }

    public RegistrationTarget target() {
        return target;
    }

    /**
     * From now on "registered" means {@code target} (a suite's setup says which objects and which server); the state
     * the strategy knows stays: one strategy follows the module through a whole case.
     */
    public void retarget(RegistrationTarget target) {
        this.target = Objects.requireNonNull(target, "target");
        this.moves = new Moves(session, target, power);
    }

    /** The state the strategy left the module in (or was told with {@link #assume}). */
    public ModuleState state() {
        return state;
    }

    /** The module is in {@code state} now: someone else moved it (a power cut, commands of a test). */
    public void assume(ModuleState state) {
        this.state = Objects.requireNonNull(state, "state");
    }

    /**
     * From now on a {@code RDY} (the module restarted: a power cut, a reboot, a firmware update, 7.10.6) sets the
     * state to {@link ModuleState#UNKNOWN}: nothing of MIPL survives a restart, and the way up starts with {@code AT}
     * again. A {@code RDY} that a transition itself awaits after {@link Move#POWER_ON} changes nothing it relies on.
     *
     * @return closing it stops following
     */
    public AutoCloseable followRestarts() {
        return session.addUrcListener(entry -> {
            if (entry.urc().filter(u -> u instanceof Rdy).isPresent()) {
                state = ModuleState.UNKNOWN;
            }
        });
    }

    /** The moves {@link #transition} would run now. */
    public Route route(ModuleState to) {
        return Route.plan(state, to, power.isPresent());
    }

    /**
     * Takes the module to {@code to}, move by move, and says how far it came. Never throws for what the module did
     * (a refusal, a failure event, a missing URC, a closed link): the result carries it with the evidence; use
     * {@link TransitionResult#orThrow()} to fail on it. After a failure in a move that creates, registers or removes,
     * an instance may be left: the strategy takes the module as {@link ModuleState#CREATED}, so that the way down
     * removes it.
     */
    public TransitionResult transition(ModuleState to) {
        Route route = route(to);
        Moves.Record rec = new Moves.Record();
        if (!route.possible()) {
            return result(route, rec, Optional.of(new TransitionFailure(Optional.empty(),
                    TransitionFailure.Kind.IMPOSSIBLE, route.impossible().get(), Optional.empty())));
        }
        for (Move m : route.moves()) {
            try {
                moves.run(m, state, rec);
            } catch (MoveFailed f) {
                return failed(route, rec, m, f.kind, f.getMessage(), f.getCause());
            } catch (DeadlineExceeded | LinkClosedException | UncheckedIOException e) {
                return failed(route, rec, m, TransitionFailure.Kind.SESSION, e.getMessage(), e);
            }
            state = m.reaches();
        }
        state = to; // e.g. configured -> attached: a configuration stays, nothing to send
        return result(route, rec, Optional.empty());
    }

    private TransitionResult failed(Route route, Moves.Record rec, Move m, TransitionFailure.Kind kind, String message,
                                    Throwable cause) {
        state = switch (m) {
            case CREATE, OPEN, CLOSE, REMOVE -> ModuleState.CREATED;
            case POWER_ON, READY -> ModuleState.UNKNOWN;
            default -> state;
        };
        return result(route, rec, Optional.of(new TransitionFailure(Optional.of(m), kind, message,
                Optional.ofNullable(cause))));
    }

    private TransitionResult result(Route route, Moves.Record rec, Optional<TransitionFailure> failure) {
        return new TransitionResult(route, state, new ArrayList<>(rec.replies), List.copyOf(rec.waits),
                List.copyOf(rec.steps), Optional.ofNullable(rec.registered), failure);
    }
}
