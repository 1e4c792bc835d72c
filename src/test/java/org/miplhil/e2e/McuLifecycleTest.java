package org.miplhil.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.miplhil.at.RequestType;
import org.miplhil.dut.mcu.AnswerMode;
import org.miplhil.dut.mcu.McuLogEntry;
import org.miplhil.dut.Reply;
import org.miplhil.dut.mcu.SetupResult;
import org.miplhil.dut.mcu.TeardownReport;
import org.miplhil.objects.ObjectModel;
import org.miplhil.platform.NodePath;

/**
 * {@code setup()} and {@code teardown()} against the virtual module on a pseudo-terminal, registering with the
 * embedded platform: from power-up to registered, and back to closed and deleted from whatever state the module is
 * in.
 */
class McuLifecycleTest {

    static final Duration WITHIN = VirtualBench.WITHIN;

    private static VirtualBench bench(TestInfo info) {
        return VirtualBench.leshan("lifecycle-" + info.getTestMethod().orElseThrow().getName(),
                ObjectModel.load(VirtualBench.LIGHT, VirtualBench.TEMPERATURE), VirtualBench.Platform.oneNet());
    }

    /** The module is left deleted: a new instance can be created (and is removed again). */
    private static void assertDeleted(VirtualBench b) {
        Reply create = b.session.send("AT+MIPLCREATE");
        assertThat(create.isOk()).as("AT+MIPLCREATE after teardown: %s", create).isTrue();
        assertThat(b.session.send("AT+MIPLDELETE=0").isOk()).isTrue();
    }

    @Test
    void setupRegistersEveryObjectOfTheModelAndTheMcuAnswersThePlatform(TestInfo info) {
        try (VirtualBench b = bench(info)) {
            SetupResult r = b.mcu.setup();
            assertThat(r.replies()).extracting(Reply::command).containsExactly("AT", "AT+QSCLK=0", "AT+CEREG?",
                    "AT+MIPLCREATE", "AT+MIPLADDOBJ=0,3311,2,\"11\",5,0", "AT+MIPLADDOBJ=0,3303,2,\"11\",4,1",
                    "AT+MIPLOPEN=0,86400");
            // the platform observes every registered instance, then discovers each object (7.2.1)
            b.mcu.awaitLog(e -> e.request().orElse(null) == RequestType.DISCOVER && e.path().objId() == 3303,
                    "the discover of 3303 answered", WITHIN);
            assertThat(b.mcu.observations()).hasSize(4);
            assertThat(b.platform.device(b.endpoint()).orElseThrow().objectInstances()).contains(
                    NodePath.instance(3311, 0), NodePath.instance(3311, 1), NodePath.instance(3303, 0),
                    NodePath.instance(3303, 1));
            assertThat(b.mcu.log()).allMatch(e -> e.outcome() == McuLogEntry.Outcome.ANSWERED, "all answered");
            TeardownReport t = b.mcu.teardown();
            assertThat(t.steps()).containsExactly("AT+MIPLCLOSE=0 -> OK", "+MIPLEVENT: 0,15", "AT+MIPLDELETE=0 -> OK");
            assertThat(b.platform.device(b.endpoint())).isEmpty();
            assertDeleted(b);
        }
    }

    @Test
    void teardownOfAModuleWithNothingCreated(TestInfo info) {
        try (VirtualBench b = bench(info)) {
            TeardownReport t = b.mcu.teardown();
            assertThat(t.steps()).containsExactly("AT+MIPLCLOSE=0 -> +CIS ERROR: 655",
                    "AT+MIPLDELETE=0 -> +CIS ERROR: 655", "AT+MIPLCREATE -> OK", "AT+MIPLDELETE=0 -> OK");
            assertDeleted(b);
        }
    }

    @Test
    void teardownOfAModuleCreatedButNotRegistered(TestInfo info) {
        try (VirtualBench b = bench(info)) {
            b.session.send("AT+MIPLCREATE");
            b.session.send("AT+MIPLADDOBJ=0,3311,1,\"1\",4,2");
            TeardownReport t = b.mcu.teardown();
            assertThat(t.steps()).endsWith("AT+MIPLDELETE=0 -> OK");
            assertDeleted(b);
        }
    }

    @Test
    void teardownWhileRegistering(TestInfo info) {
        try (VirtualBench b = bench(info)) {
            b.session.send("AT+MIPLCREATE");
            b.session.send("AT+MIPLADDOBJ=0,3311,1,\"1\",4,2");
            b.session.send("AT+MIPLOPEN=0,86400");
            b.mcu.teardown();
            assertDeleted(b);
        }
    }

    @Test
    void teardownWithAnAnswerStillDueAndAfterAPowerCycle(TestInfo info) {
        try (VirtualBench b = bench(info)) {
            b.mcu.setMode(RequestType.DISCOVER, AnswerMode.late());
            b.mcu.setup();
            b.mcu.awaitRequest(r -> r.kind() == RequestType.DISCOVER, "a discover", WITHIN);
            TeardownReport t = b.mcu.teardown();
            assertThat(t.steps()).anyMatch(s -> s.startsWith("dropped the delayed answer to DISCOVER"));
            assertThat(b.mcu.log()).anyMatch(e -> e.outcome() == McuLogEntry.Outcome.CANCELLED);
            assertDeleted(b);

            // power cut while registered: the module forgets everything (not saved to NVRAM); setup works again
            b.mcu.setMode(RequestType.DISCOVER, AnswerMode.auto());
            b.mcu.setup();
            b.module.powerOff();
            b.module.powerOn();
            b.mcu.setup();
            b.mcu.teardown();
            assertDeleted(b);
        }
    }
}
