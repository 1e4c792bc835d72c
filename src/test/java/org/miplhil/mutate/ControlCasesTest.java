package org.miplhil.mutate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A control's cases: at most K, one per suite first, the shortest first. */
class ControlCasesTest {

    private static CaseTranscript c(String suite, String name, long millis) {
        return new CaseTranscript(suite, name, List.of(new CaseTranscript.Line(false, "+MIPLEVENT: 0,15")),
                Duration.ofMillis(millis));
    }

    private static List<String> titles(List<CaseTranscript> cases) {
        return cases.stream().map(CaseTranscript::title).toList();
    }

    @Test
    void oneCasePerSuiteComesFirstTheShortestOfEachThenTheShortestOfTheRest() {
        List<CaseTranscript> impacted = List.of(
                c("open", "o-long", 900), c("open", "o-short", 100), c("open", "o-mid", 300),
                c("fota", "f-long", 5000), c("fota", "f-short", 2000),
                c("psm", "p-only", 700),
                c("close", "c-a", 200), c("close", "c-b", 250));
        List<CaseTranscript> chosen = ImpactAnalysis.forControl(impacted, 6);
        assertThat(titles(chosen)).containsExactly(
                // one per suite, the suites by their shortest case
                "open / o-short", "close / c-a", "psm / p-only", "fota / f-short",
                // then the shortest of what is left
                "close / c-b", "open / o-mid");
    }

    @Test
    void fewerSuitesThanKStillGivesKCasesAndMoreSuitesThanKGivesOnePerSuite() {
        List<CaseTranscript> many = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            many.add(c("suite" + i, "case", 1000 - i * 10L));
        }
        List<CaseTranscript> chosen = ImpactAnalysis.forControl(many, 3);
        assertThat(titles(chosen)).containsExactly("suite9 / case", "suite8 / case", "suite7 / case");

        List<CaseTranscript> one = List.of(c("s", "a", 30), c("s", "b", 10), c("s", "c", 20), c("s", "d", 40));
        assertThat(titles(ImpactAnalysis.forControl(one, 2))).containsExactly("s / b", "s / c");
    }

    @Test
    void zeroOrAKAtLeastTheCountRunsEveryImpactedCaseInItsOrder() {
        List<CaseTranscript> impacted = List.of(c("a", "x", 300), c("b", "y", 100), c("a", "z", 200));
        assertThat(ImpactAnalysis.forControl(impacted, 0)).isEqualTo(impacted);
        assertThat(ImpactAnalysis.forControl(impacted, 3)).isEqualTo(impacted);
        assertThat(ImpactAnalysis.forControl(impacted, 2)).hasSize(2);
    }
}
