package org.miplhil.suite.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.miplhil.at.RequestType;
import org.miplhil.report.FailureCategory;
import org.miplhil.report.Status;
import org.miplhil.suite.McuMode;
import org.miplhil.suite.Position;
import org.miplhil.suite.Step;

/**
 * The MCU-answer family: which mode holds where in the journal, and what an mcu step needs. (Answer steps, copies
 * of requests and the unanswered-request accounting run on the virtual module in SuiteRunnerTest.)
 */
class McuStepsTest {

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
    void anAnsweringMcuWithoutTheApplicationIsTheHarnessesProblemAndOffNeedsNone() {
        McuModes modes = new McuModes(Optional.empty(), 0, McuMode.OFF);
        Position at = new Position("s.yaml", 3, 5);
        assertThatThrownBy(() -> modes.change(new Step.Mcu(McuMode.AUTO, Set.of(RequestType.values()),
                Optional.empty(), at), 4))
                .isInstanceOfSatisfying(StepFailed.class, f -> {
                    assertThat(f.status()).isEqualTo(Status.BROKEN);
                    assertThat(f.failure().category()).isEqualTo(FailureCategory.HARNESS);
                    assertThat(f.getMessage()).isEqualTo("'mcu: auto' needs the MCU application, and the suite has no"
                            + " object models (fixtures: objects)");
                });
        modes.change(new Step.Mcu(McuMode.NEVER, Set.of(RequestType.values()), Optional.empty(), at), 6);
        assertThat(modes.modeAt(RequestType.WRITE, 6)).isEqualTo(McuMode.NEVER);
    }
}
