package org.miplhil.suite.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.at.RequestType;
import org.miplhil.report.CaseResult;
import org.miplhil.report.FailureCategory;
import org.miplhil.report.Status;
import org.miplhil.suite.McuMode;
import org.miplhil.suite.Position;
import org.miplhil.suite.Step;

/** The MCU-answer family: which mode holds where in the journal, and what an mcu step needs. */
class McuStepsTest {

    @TempDir
    Path dir;

    @Test
    void aModeHoldsFromTheJournalIndexOfItsStepForItsKindsOnly() {
        McuModes modes = new McuModes(Optional.empty(), 10, McuMode.OFF);
        modes.change(new Step.Mcu(McuMode.NEVER, Set.of(RequestType.READ), Optional.empty(),
                new Position("s.yaml", 1, 1)), 20);
        assertThat(modes.modeAt(RequestType.READ, 19)).isEqualTo(McuMode.OFF);
        assertThat(modes.modeAt(RequestType.READ, 20)).isEqualTo(McuMode.NEVER);
        assertThat(modes.modeAt(RequestType.OBSERVE, 25)).isEqualTo(McuMode.OFF);
    }

    @Test
    void anAutomaticMcuWithoutObjectModelsIsTheSuitesProblem() throws Exception {
        Recorded r = Recorded.run(dir, Recorded.sim(), """
                suite: an MCU without objects
                fixtures:
                  profile: PROFILE
                cases:
                  - name: mcu auto needs object models
                    steps:
                      - mcu: auto
                """);
        CaseResult c = r.caseNamed("mcu auto needs object models");
        assertThat(c.status()).isEqualTo(Status.BROKEN);
        assertThat(c.failure().category()).isEqualTo(FailureCategory.HARNESS);
        assertThat(c.failure().message()).isEqualTo("'mcu: auto' needs the MCU application, and the suite has no"
                + " object models (fixtures: objects)");
    }
}
