package org.miplhil.mutate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.miplhil.selfcheck.CaseProblem;
import org.miplhil.selfcheck.PlanFile;
import org.miplhil.selfcheck.PlanVerdict;
import org.miplhil.report.Status;
import org.miplhil.sim.fault.FaultPlan;

/** The score from verdicts: per family, total, controls apart, plans as a family. */
class ScoreTest {

    private static MutantVerdict v(Mutant m, MutantStatus s) {
        Optional<CaseProblem> killer = s == MutantStatus.KILLED
                ? Optional.of(new CaseProblem("s", "c", Status.FAILED, "[MODULE] x")) : Optional.empty();
        return new MutantVerdict(m, Optional.of(s), killer, List.of("s / c"), 1, Duration.ofSeconds(1),
                Duration.ofMillis(100), Optional.empty(), "");
    }

    private static Mutant m(String id, Family f) {
        return HandMadeMutants.command(id, f, "x", "");
    }

    @Test
    void countsScoreAndStrengthLikePit() {
        List<MutantVerdict> vs = List.of(
                v(m("drop/1", Family.DROP), MutantStatus.KILLED),
                v(m("drop/2", Family.DROP), MutantStatus.KILLED),
                v(m("drop/3", Family.DROP), MutantStatus.SURVIVED),
                v(m("drop/4", Family.DROP), MutantStatus.NOT_COVERED),
                v(m("dup/1", Family.DUPLICATE), MutantStatus.EQUIVALENT),
                v(m("dup/2", Family.DUPLICATE), MutantStatus.TIMED_OUT),
                MutantVerdict.without(m("dup/3", Family.DUPLICATE), Optional.empty(), "budget"),
                v(m("within/1", Family.DELAY_WITHIN), MutantStatus.SURVIVED),
                v(m("within/2", Family.DELAY_WITHIN), MutantStatus.KILLED));
        PlanFile p = new PlanFile(Path.of("p.yaml"), "p", new FaultPlan("p", List.of(), Optional.of("d"),
                Optional.of(Pattern.compile("d"))));
        List<PlanVerdict> plans = List.of(
                new PlanVerdict(p, List.of(), Optional.of(new CaseProblem("s", "c", Status.FAILED, "d")), 1, 1,
                        Duration.ZERO),
                new PlanVerdict(p, List.of(), Optional.empty(), 1, 1, Duration.ZERO));
        Score s = Score.of(vs, plans);
        assertThat(s.families().get(Family.DROP)).isEqualTo(new Score.Counts(4, 2, 1, 0, 1, 0, 0));
        assertThat(s.families().get(Family.DUPLICATE)).isEqualTo(new Score.Counts(3, 0, 0, 1, 0, 1, 1));
        assertThat(s.families().get(Family.PLAN)).isEqualTo(new Score.Counts(2, 1, 1, 0, 0, 0, 0));
        assertThat(s.families()).doesNotContainKey(Family.DELAY_WITHIN);
        assertThat(s.total()).isEqualTo(new Score.Counts(9, 3, 2, 1, 1, 1, 1));
        // killed / (generated - equivalent) = 3 / 8; killed / covered = 3 / (9 - 1 - 1 - 1) = 3 / 6
        assertThat(s.total().score()).isCloseTo(37.5, within(1e-9));
        assertThat(s.total().strength()).isCloseTo(50.0, within(1e-9));
        assertThat(s.controls().get(Family.DELAY_WITHIN)).isEqualTo(new Score.Counts(2, 1, 1, 0, 0, 0, 0));
        assertThat(s.controlsPassed()).isEqualTo(1);
        assertThat(s.falseAlarms()).isEqualTo(1);
        assertThat(vs.get(8).word()).isEqualTo("FALSE_ALARM");
        assertThat(vs.get(7).word()).isEqualTo("PASSED");
        assertThat(vs.get(6).word()).isEqualTo("NOT_RUN");
    }

    @Test
    void nothingToCountIsAFullScore() {
        Score s = Score.of(List.of(), List.of());
        assertThat(s.total().generated()).isZero();
        assertThat(s.total().score()).isEqualTo(100.0);
        assertThat(s.total().strength()).isEqualTo(100.0);
    }
}
