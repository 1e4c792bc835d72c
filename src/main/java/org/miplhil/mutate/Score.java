package org.miplhil.mutate;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.miplhil.selfcheck.PlanVerdict;

/**
 * The numbers of a mutation run, like PIT's: per family and in total. Controls (families the catalogue must not
 * fail on) are counted apart: passed (SURVIVED) or false alarm (KILLED).
 *
 * <ul>
 *   <li>mutation score = killed / (generated − equivalent): every mutant not killed (survived, not covered, timed
 *       out, not run) lowers it;</li>
 *   <li>test strength = killed / covered, covered = generated − equivalent − not covered − not run: how well the
 *       cases that can see a mutant judge it.</li>
 * </ul>
 * The hand-written plans of {@code fixtures/faults/} are family {@link Family#PLAN}: detected counts as killed,
 * missed as survived.
 */
public record Score(Map<Family, Counts> families, Counts total, Map<Family, Counts> controls, Counts controlTotal) {

    /** One row. */
    public record Counts(int generated, int killed, int survived, int equivalent, int notCovered, int timedOut,
                         int notRun) {

        static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, 0);

        public int covered() {
            return generated - equivalent - notCovered - notRun;
        }

        /** killed / (generated − equivalent), in percent; 100 when nothing counts. */
        public double score() {
            return percent(killed, generated - equivalent);
        }

        /** killed / covered, in percent; 100 when nothing counts. */
        public double strength() {
            return percent(killed, covered());
        }

        Counts plus(Counts o) {
            return new Counts(generated + o.generated, killed + o.killed, survived + o.survived,
                    equivalent + o.equivalent, notCovered + o.notCovered, timedOut + o.timedOut, notRun + o.notRun);
        }

        static Counts of(MutantVerdict v) {
            if (v.status().isEmpty()) {
                return new Counts(1, 0, 0, 0, 0, 0, 1);
            }
            return switch (v.status().get()) {
                case KILLED -> new Counts(1, 1, 0, 0, 0, 0, 0);
                case SURVIVED -> new Counts(1, 0, 1, 0, 0, 0, 0);
                case EQUIVALENT -> new Counts(1, 0, 0, 1, 0, 0, 0);
                case NOT_COVERED -> new Counts(1, 0, 0, 0, 1, 0, 0);
                case TIMED_OUT -> new Counts(1, 0, 0, 0, 0, 1, 0);
            };
        }

        private static double percent(int part, int whole) {
            return whole <= 0 ? 100.0 : 100.0 * part / whole;
        }
    }

    public Score {
        families = Collections.unmodifiableMap(new EnumMap<>(families.isEmpty() ? new EnumMap<>(Family.class)
                : families));
        controls = Collections.unmodifiableMap(new EnumMap<>(controls.isEmpty() ? new EnumMap<>(Family.class)
                : controls));
    }

    public static Score of(List<MutantVerdict> verdicts, List<PlanVerdict> plans) {
        Map<Family, Counts> families = new EnumMap<>(Family.class);
        Map<Family, Counts> controls = new EnumMap<>(Family.class);
        for (MutantVerdict v : verdicts) {
            Map<Family, Counts> into = v.mutant().control() ? controls : families;
            into.merge(v.mutant().family(), Counts.of(v), Counts::plus);
        }
        for (PlanVerdict p : plans) {
            families.merge(Family.PLAN, p.detected() ? new Counts(1, 1, 0, 0, 0, 0, 0)
                    : new Counts(1, 0, 1, 0, 0, 0, 0), Counts::plus);
        }
        Counts total = families.values().stream().reduce(Counts.ZERO, Counts::plus);
        Counts controlTotal = controls.values().stream().reduce(Counts.ZERO, Counts::plus);
        return new Score(families, total, controls, controlTotal);
    }

    /** Controls the catalogue passed (ran every impacted case, none failed). */
    public int controlsPassed() {
        return controlTotal.survived() + controlTotal.equivalent();
    }

    /** Controls the catalogue failed on: false alarms. */
    public int falseAlarms() {
        return controlTotal.killed();
    }
}
