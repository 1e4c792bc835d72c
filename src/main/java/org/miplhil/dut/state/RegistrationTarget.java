package org.miplhil.dut.state;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.miplhil.at.MiplAddObj;
import org.miplhil.at.MiplConfig;
import org.miplhil.dut.ModuleSession;

/**
 * What "registered" means for one module: the configuration (or the module's own), the objects, the
 * {@code AT+MIPLOPEN} parameters and how long each wait may take. A record: the way up is data.
 *
 * @param ref          {@code <ref>} of every command (3.3.2: only 0 is supported)
 * @param config       {@code AT+MIPLCONFIG} sent after the attach; empty: the module's defaults (as in 7.2.1)
 * @param objects      the {@code AT+MIPLADDOBJ} commands, in order
 * @param lifetime     {@code <lifetime>} of {@code AT+MIPLOPEN} (7.2.1: 86400)
 * @param openTimeout  {@code <timeout>} of {@code AT+MIPLOPEN}; empty: left out (the module's 30 s)
 * @param disableSleep whether the way up sends {@code AT+QSCLK=0} once the module answers (7.1 remark 1)
 * @param awaitNetwork whether the way up waits for {@code +CEREG: 0,1} (or 0,5) before MIPL (7.1)
 * @param deadlines    how long each step may take
 */
public record RegistrationTarget(int ref, Optional<MiplConfig> config, List<MiplAddObj> objects, long lifetime,
                                 OptionalInt openTimeout, boolean disableSleep, boolean awaitNetwork,
                                 Deadlines deadlines) {

    public RegistrationTarget {
        Objects.requireNonNull(config, "config");
        objects = List.copyOf(objects);
        Objects.requireNonNull(openTimeout, "openTimeout");
        Objects.requireNonNull(deadlines, "deadlines");
    }

    /**
     * @param command      each command's final result (chapter 3: 5 s)
     * @param ready        {@code AT} answered after power-up, and the network attached after that (each)
     * @param registration {@code +MIPLEVENT: 0,6} or a failure after {@code AT+MIPLOPEN}
     * @param close        the whole of leaving the module closed and deleted ({@link Move#REMOVE}), and
     *                     {@code +MIPLEVENT: 0,15} after {@code AT+MIPLCLOSE}
     */
    public record Deadlines(Duration command, Duration ready, Duration registration, Duration close) {

        public static final Deadlines DEFAULT = new Deadlines(ModuleSession.DEFAULT_DEADLINE, Duration.ofSeconds(10),
                Duration.ofSeconds(60), Duration.ofSeconds(10));

        public Deadlines {
            positive(command);
            positive(ready);
            positive(registration);
            positive(close);
        }

        private static void positive(Duration d) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("a deadline must be positive: " + d);
            }
        }
    }

    /** These objects with the defaults of 7.2.1: no configuration, lifetime 86400, sleep disabled, network awaited. */
    public static RegistrationTarget of(List<MiplAddObj> objects) {
        return new RegistrationTarget(0, Optional.empty(), objects, 86400, OptionalInt.empty(), true, true,
                Deadlines.DEFAULT);
    }

    public RegistrationTarget withConfig(MiplConfig c) {
        return new RegistrationTarget(ref, Optional.of(c), objects, lifetime, openTimeout, disableSleep, awaitNetwork,
                deadlines);
    }

    public RegistrationTarget withLifetime(long seconds) {
        return new RegistrationTarget(ref, config, objects, seconds, openTimeout, disableSleep, awaitNetwork, deadlines);
    }

    public RegistrationTarget withOpenTimeout(int seconds) {
        return new RegistrationTarget(ref, config, objects, lifetime, OptionalInt.of(seconds), disableSleep,
                awaitNetwork, deadlines);
    }

    /** Without {@code AT+QSCLK=0}: the way up leaves the module's sleep setting as it is. */
    public RegistrationTarget withoutSleepChange() {
        return new RegistrationTarget(ref, config, objects, lifetime, openTimeout, false, awaitNetwork, deadlines);
    }

    public RegistrationTarget withDeadlines(Deadlines d) {
        return new RegistrationTarget(ref, config, objects, lifetime, openTimeout, disableSleep, awaitNetwork, d);
    }
}
