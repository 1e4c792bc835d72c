package org.miplhil.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.miplhil.dut.UrcMatcher.type;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.miplhil.at.AtLine;
import org.miplhil.at.MiplObserve;
import org.miplhil.at.MiplRead;
import org.miplhil.at.MiplValue;
import org.miplhil.dut.Cursor;
import org.miplhil.dut.JournalEntry;
import org.miplhil.dut.mcu.McuLogEntry;
import org.miplhil.dut.Reply;
import org.miplhil.objects.ObjectModel;
import org.miplhil.platform.CoapCode;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.PlatformResult;
import org.miplhil.sim.profile.FirmwareProfile;
import org.miplhil.sim.profile.ProfileLoader;

/**
 * The harness's own MCU side ({@link org.miplhil.dut.mcu.McuApplication}) brings a virtual module to registered and
 * exchanges a read and a notify with the embedded platform whatever the module's echo and parser: it writes the
 * note's form, which the strict profile takes as well as the AT layer's, and it reads replies with and without
 * echo. Over the real pseudo-terminal, with the module's real LwM2M client.
 */
class SetupAcrossProfilesTest {

    static final Path STRICT = Path.of("fixtures/firmware/bc260y-cn-strict.yaml");
    static final Duration WITHIN = VirtualBench.WITHIN;

    static Stream<Arguments> profiles() {
        return Stream.of(Arguments.of(true, false), Arguments.of(false, false), Arguments.of(true, true),
                Arguments.of(false, true));
    }

    static FirmwareProfile variant(FirmwareProfile p, boolean echo, boolean strict) {
        FirmwareProfile.AtSettings at = p.at();
        FirmwareProfile q = p.withAt(new FirmwareProfile.AtSettings(echo, at.cmee(), at.qsclk(), at.cfun(),
                at.maxLineLength()));
        return strict ? q.withParsing(ProfileLoader.load(STRICT).orElseThrow().parsing()) : q;
    }

    @ParameterizedTest(name = "echo {0}, strict parser {1}")
    @MethodSource("profiles")
    void setupReadAndNotify(boolean echo, boolean strict) {
        String name = "setup-echo-" + echo + (strict ? "-strict" : "-at-layer");
        try (VirtualBench b = VirtualBench.leshan(name, ObjectModel.load(VirtualBench.LIGHT, VirtualBench.TEMPERATURE),
                VirtualBench.Platform.oneNet(), o -> o, p -> variant(p, echo, strict))) {
            assertThat(b.profile.at().echo()).isEqualTo(echo);
            assertThat(b.profile.parsing().quotesOptional()).isEqualTo(!strict);
            int from = b.mark();
            b.mcu.setup(); // AT, AT+QSCLK=0, AT+CEREG?, AT+MIPLCREATE, AT+MIPLADDOBJ x2, AT+MIPLOPEN, event 6
            b.platform.device(b.endpoint()).orElseThrow();
            // OneNET's observe and discover after registering (7.2.1) are answered by the MCU application
            await().atMost(WITHIN).until(() -> b.mcu.log().stream()
                    .filter(e -> e.outcome() == McuLogEntry.Outcome.ANSWERED).count() >= 2);
            assertThat(b.mcu.log()).noneMatch(e -> e.outcome() == McuLogEntry.Outcome.REFUSED_BY_MODULE);

            // a read
            b.mcu.model().set(3311, 0, 5805, new MiplValue.FloatValue("1.88"));
            Cursor c = b.session.now();
            PlatformResult r = b.platform.read(b.endpoint(), NodePath.resource(3311, 0, 5805), WITHIN);
            long read = b.session.expectUrc(c, type(MiplRead.class), WITHIN).value().msgId();
            assertThat(b.mcu.awaitAnswer(read, WITHIN).outcome()).isEqualTo(McuLogEntry.Outcome.ANSWERED);
            assertThat(r).isInstanceOfSatisfying(PlatformResult.Answered.class,
                    a -> assertThat(a.code()).as(a.describe()).isEqualTo(CoapCode.CONTENT));

            // an observation and a notify
            NodePath path = NodePath.resource(3303, 0, 5700);
            c = b.session.now();
            b.platform.observe(b.endpoint(), path, WITHIN);
            long observe = b.session.expectUrc(c, type(MiplObserve.class), WITHIN).value().msgId();
            assertThat(b.mcu.awaitAnswer(observe, WITHIN).outcome()).isEqualTo(McuLogEntry.Outcome.ANSWERED);
            b.mcu.model().set(3303, 0, 5700, new MiplValue.FloatValue("25.6"));
            List<Reply> replies = b.mcu.notify(observe);
            assertThat(replies).isNotEmpty().allMatch(Reply::isOk);
            await().atMost(WITHIN).until(() -> !b.platform.notifications(b.endpoint(), path).isEmpty());

            // the echo was there or not, and the session told it from the replies either way
            boolean echoed = b.session.journal().entries(from, Integer.MAX_VALUE).stream()
                    .anyMatch(e -> e instanceof JournalEntry.Received rx && rx.line() instanceof AtLine.Echo);
            assertThat(echoed).as("echo lines in the journal").isEqualTo(echo);
            b.mcu.teardown();
        }
    }
}
