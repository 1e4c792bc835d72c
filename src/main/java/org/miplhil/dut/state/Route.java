package org.miplhil.dut.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The moves from one state to another, planned without touching the module (pure). Up, each state is entered by its
 * move; down, a registration is closed ({@code REGISTERED -> CREATED}) and an instance removed
 * ({@code -> ATTACHED}); leaving the network or the supply takes a power control (off, then on again).
 *
 * @param impossible why there is no way, e.g. no power control to switch the module off
 */
public record Route(ModuleState from, ModuleState to, List<Move> moves, Optional<String> impossible) {

    public Route {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        moves = List.copyOf(moves);
        Objects.requireNonNull(impossible, "impossible");
    }

    public boolean possible() {
        return impossible.isEmpty();
    }

    /** The way from {@code from} to {@code to}; {@code canPower}: a power control is there to switch the supply. */
    public static Route plan(ModuleState from, ModuleState to, boolean canPower) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to == ModuleState.UNKNOWN) {
            return no(from, to, "unknown is where a module starts, not a state to go to");
        }
        List<Move> moves = new ArrayList<>();
        ModuleState at = from;
        if (to == ModuleState.OFF) {
            if (from == ModuleState.OFF) {
                return new Route(from, to, moves, Optional.empty());
            }
            return canPower ? new Route(from, to, List.of(Move.POWER_OFF), Optional.empty())
                    : no(from, to, "switching the module off needs a power control, and there is none");
        }
        if (to == ModuleState.POWERED && from.compareTo(ModuleState.POWERED) > 0) {
            if (!canPower) {
                return no(from, to, "leaving the network needs a power cycle, and there is no power control");
            }
            moves.add(Move.POWER_OFF);
            at = ModuleState.OFF;
        }
        if (at == ModuleState.OFF) {
            if (!canPower) {
                return no(from, to, "the module is off and there is no power control to switch it on");
            }
            moves.add(Move.POWER_ON);
            at = ModuleState.UNKNOWN;
        }
        if (at == ModuleState.UNKNOWN) {
            moves.add(Move.READY);
            at = ModuleState.POWERED;
        }
        if (to.compareTo(at) < 0) {
            // down, staying on the network: close a registration, remove an instance
            if (at == ModuleState.REGISTERED && to == ModuleState.CREATED) {
                moves.add(Move.CLOSE);
                return new Route(from, to, moves, Optional.empty());
            }
            if (at.compareTo(ModuleState.CREATED) >= 0) {
                moves.add(Move.REMOVE);
            }
            // a configuration stays in the module until it is replaced: configured is attached with it
            at = ModuleState.ATTACHED;
            if (to == ModuleState.CONFIGURED) {
                moves.add(Move.CONFIGURE);
            }
            return new Route(from, to, moves, Optional.empty());
        }
        for (Move up : List.of(Move.ATTACH, Move.CONFIGURE, Move.CREATE, Move.OPEN)) {
            if (up.reaches().compareTo(at) > 0 && up.reaches().compareTo(to) <= 0) {
                moves.add(up);
            }
        }
        return new Route(from, to, moves, Optional.empty());
    }

    private static Route no(ModuleState from, ModuleState to, String why) {
        return new Route(from, to, List.of(), Optional.of(why));
    }

    @Override
    public String toString() {
        return from.word() + " -> " + to.word() + ": "
                + impossible.orElseGet(() -> moves.isEmpty() ? "nothing to do" : moves.toString());
    }
}
