package org.miplhil.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.miplhil.sim.profile.ProfileLoader;

/** The AT layer through a real pseudo-terminal opened with jSerialComm. */
class VirtualModuleAtTest {

    @Test
    void atiIsPrintedAsIn7106() throws Exception {
        try (SimTerminal t = SimTerminal.start()) {
            int mark = t.rawMark();
            assertThat(t.send("ATI").lines()).containsExactly("Quectel_Ltd", "Quectel_BC260Y-CN",
                    "Revision: BC260YCNAAR01A03", "OK");
            assertThat(new String(t.rawSince(mark), StandardCharsets.ISO_8859_1))
                    .isEqualTo("\r\nQuectel_Ltd\r\nQuectel_BC260Y-CN\r\nRevision: BC260YCNAAR01A03\r\n\r\nOK\r\n");
        }
    }

    @Test
    void echoIsOnAtPowerUpAndFollowsAte() throws Exception {
        try (SimTerminal t = SimTerminal.with().keepEcho().start()) {
            int mark = t.rawMark();
            t.send("AT+MIPLVER?");
            assertThat(new String(t.rawSince(mark), StandardCharsets.ISO_8859_1))
                    .isEqualTo("AT+MIPLVER?\r\r\n+MIPLVER: 2.3.0\r\n\r\nOK\r\n");
            assertThat(t.send("ATE0").lines()).containsExactly("ATE0", "OK");
            mark = t.rawMark();
            t.send("AT");
            assertThat(new String(t.rawSince(mark), StandardCharsets.ISO_8859_1)).isEqualTo("\r\nOK\r\n");
            t.send("ATE1");
            assertThat(t.send("AT").lines()).containsExactly("AT", "OK");
        }
    }

    @Test
    void identityAndNetworkQueries() throws Exception {
        try (SimTerminal t = SimTerminal.start()) {
            assertThat(t.send("AT").lines()).containsExactly("OK");
            assertThat(t.send("AT+CGSN=1").lines()).containsExactly("+CGSN: " + t.profile.identity().imei(), "OK");
            assertThat(t.send("AT+CEREG?").lines()).containsExactly("+CEREG: 0,1", "OK");
            assertThat(t.send("AT+CGPADDR?").lines()).containsExactly("+CGPADDR: 5,\"10.177.135.245\"", "OK");
            assertThat(t.send("AT+CFUN?").lines()).containsExactly("+CFUN: 1", "OK");
            assertThat(t.send("AT+MIPLVER?").lines()).containsExactly("+MIPLVER: 2.3.0", "OK");
        }
    }

    @Test
    void qsclkStartsEnabledAndIsSet() throws Exception {
        try (SimTerminal t = SimTerminal.start()) {
            assertThat(t.send("AT+QSCLK?").lines()).containsExactly("+QSCLK: 1", "OK");
            assertThat(t.send("AT+QSCLK=0").lines()).containsExactly("OK"); // 7.1
            assertThat(t.send("AT+QSCLK?").lines()).containsExactly("+QSCLK: 0", "OK");
            assertThat(t.send("AT+QSCLK=?").lines()).containsExactly("+QSCLK: (0-2)", "OK"); // at_QSCLK_req
            assertThat(t.send("AT+QSCLK=2").lines()).containsExactly("OK"); // light sleep only
            assertThat(t.send("AT+QSCLK?").lines()).containsExactly("+QSCLK: 2", "OK");
            assertThat(t.send("AT+QSCLK=3").lines()).containsExactly("ERROR");
            assertThat(t.send("AT+QSCLK=\"1\"").lines()).containsExactly("ERROR");
            assertThat(t.send("AT+QSCLK").lines()).containsExactly("ERROR");
        }
    }

    @Test
    void cmeeSelectsTheErrorForm() throws Exception {
        try (SimTerminal t = SimTerminal.start()) {
            assertThat(t.send("AT+CMEE?").lines()).containsExactly("+CMEE: 1", "OK");
            assertThat(t.send("AT+MIPLDELETE=0").lines()).containsExactly("+CIS ERROR: 655");
            assertThat(t.send("AT+CMEE=0").lines()).containsExactly("OK");
            assertThat(t.send("AT+CMEE?").lines()).containsExactly("+CMEE: 0", "OK");
            assertThat(t.send("AT+MIPLDELETE=0").lines()).containsExactly("ERROR");
            assertThat(t.send("AT+CMEE=1").lines()).containsExactly("OK");
            assertThat(t.send("AT+CMEE=3").lines()).containsExactly("+CME ERROR: 50");
            assertThat(t.send("AT+CMEE=?").lines()).containsExactly("+CMEE: (0-2)", "OK");
            // 2: the names of the XY1100 AT layer, for MIPL (+CIS) and general (+CME) errors
            assertThat(t.send("AT+CMEE=2").lines()).containsExactly("OK");
            assertThat(t.send("AT+MIPLDELETE=0").lines()).containsExactly("+CIS ERROR: CIS_UNKNOWN_ERROR");
            assertThat(t.send("AT+CMEE=7").lines()).containsExactly("+CME ERROR: ATERR_PARAM_INVALID");
            assertThat(t.send("AT+CMEE?").lines()).containsExactly("+CMEE: 2", "OK");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"AT+FOO", "ATZ9", "AT+MIPLFOO=1", "HELLO", "AT+CEREG=9", "AT+MIPLOPEN=0,\"86400", "ATZ", "AT&W"})
    void unknownOrBrokenCommandsAreErrors(String command) throws Exception {
        try (SimTerminal t = SimTerminal.start()) {
            // a known general command with a bad parameter: +CME ERROR: 50 (XY1100 at_global_def.c)
            String expected = command.startsWith("AT+MIPLOPEN") ? "+CIS ERROR: 652"
                    : command.startsWith("AT+CEREG") ? "+CME ERROR: 50" : "ERROR";
            assertThat(t.send(command).lines()).containsExactly(expected);
        }
    }

    @Test
    void overlongLineIsAnError() throws Exception {
        try (SimTerminal t = SimTerminal.start()) {
            // XY1100 at_farps_channel.c: over AT_DATA_MAX_LEN (4000) the line is ATERR_PARAM_INVALID
            assertThat(t.send("AT+MIPLNOTIFY=" + "1".repeat(4100)).lines()).containsExactly("+CME ERROR: 50");
            assertThat(t.send("AT").lines()).containsExactly("OK");
        }
    }

    @Test
    void everyTestFormPrintsTheProfilesRangeList() throws Exception {
        try (SimTerminal t = SimTerminal.start()) {
            for (String command : ProfileLoader.TEST_FORM_COMMANDS) {
                String text = t.profile.testResponse(command).orElseThrow();
                assertThat(t.send(command + "=?").lines()).as(command).containsExactly(text, "OK");
            }
            assertThat(t.send("AT+MIPLOPEN=?").lines()).containsExactly("+MIPLOPEN: (0),(0xF-0xFFFFFFF),(1-0xFFFF)", "OK");
            assertThat(t.send("AT+MIPLNOTIFY=?").lines()).containsExactly("+MIPLNOTIFY: (0),(0-0xFFFFFFF),(0-0xFFFF),"
                    + "(0-0xFFFF),(0-0xFFFF),(1-5),(1-0xFF),<value>,(0-10),(0-2),(0-0xFFFF),(0-2)", "OK");
            assertThat(t.send("AT+MIPLCONFIG=?").lines())
                    .containsExactly("+MIPLCONFIG: (0),(0,1),(0,1),\"ip\",\"port\",(0,1)", "OK");
        }
    }

    @ParameterizedTest
    @CsvSource({"AT+MIPLVER=?", "AT+MIPLVER", "AT+MIPLCREATE=?", "AT+MIPLCREATE?", "AT+MIPLOPEN?", "AT+MIPLNOTIFY",
            "AT+MIPLDELETE?", "AT+MIPLCONFIG"})
    void formsACommandDoesNotHaveGetTheUnsupportedFormCode(String command) throws Exception {
        try (SimTerminal t = SimTerminal.start()) {
            assertThat(t.send(command).lines()).containsExactly("+CIS ERROR: 652");
        }
    }

    @Test
    void configQueryShowsTheDefaultsThenTheSetValues() throws Exception {
        try (SimTerminal t = SimTerminal.start()) {
            assertThat(t.send("AT+MIPLCONFIG?").lines()).containsExactly("+MIPLCONFIG: 0,0,1,183.230.40.39,5683,1", "OK");
            assertThat(t.send("AT+MIPLCONFIG=0,1,0,\"183.230.40.40\",5683").lines()).containsExactly("OK"); // 7.2.3
            assertThat(t.send("AT+MIPLCONFIG?").lines()).containsExactly("+MIPLCONFIG: 0,1,0,183.230.40.40,5683,1", "OK");
            // an empty address is the default server of the mode; auto_update given
            assertThat(t.send("AT+MIPLCONFIG=0,0,1,\"\",5684,0").lines()).containsExactly("OK");
            assertThat(t.send("AT+MIPLCONFIG?").lines()).containsExactly("+MIPLCONFIG: 0,0,1,183.230.40.39,5684,0", "OK");
            // 3.1.1: omitted optional parameters keep their values
            assertThat(t.send("AT+MIPLCONFIG=0,1").lines()).containsExactly("OK");
            assertThat(t.send("AT+MIPLCONFIG?").lines()).containsExactly("+MIPLCONFIG: 0,1,1,183.230.40.39,5684,0", "OK");
        }
    }

    @Test
    void responseDelayComesFromTheProfile() throws Exception {
        var profile = SimTerminal.profile(text -> text.replace(
                "  default: {value: 0ms, source: assumed,",
                "  AT+MIPLVER: {value: 700ms, source: assumed}\n  default: {value: 0ms, source: assumed,"));
        try (SimTerminal t = SimTerminal.with().profile(profile).start()) {
            assertThat(profile.responseDelays().forCommand("AT+MIPLVER")).isEqualTo(Duration.ofMillis(700));
            long start = System.nanoTime();
            t.send("AT+MIPLVER?");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
        }
    }

    @Test
    void commandLinesAreFramedByTheCodecAsTheyArrive() throws Exception {
        try (SimTerminal t = SimTerminal.start()) {
            int mark = t.mark();
            t.write("AT+MIPL");
            t.write("VER?\r");
            t.write("AT+CFUX\bN?\r"); // a terminal user's backspace
            t.write("AT+CEREG?\n"); // LF ends a line too
            t.write("AT\r\n"); // and the LF of CR LF is not a second, empty line
            await().atMost(SimTerminal.DEADLINE).untilAsserted(() -> assertThat(t.linesSince(mark))
                    .containsExactly("+MIPLVER: 2.3.0", "OK", "+CFUN: 1", "OK", "+CEREG: 0,1", "OK", "OK"));
        }
    }

    @Test
    void replyFramingFollows312() {
        var reply = new Outcome.Reply(List.of("+MIPLCREATE: 0"), "OK", () -> {});
        assertThat(new String(VirtualModule.frameReply(reply), StandardCharsets.ISO_8859_1))
                .isEqualTo("\r\n+MIPLCREATE: 0\r\n\r\nOK\r\n");
        var ati = new Outcome.Reply(List.of("a", "b"), "OK", () -> {});
        assertThat(new String(VirtualModule.frameReply(ati), StandardCharsets.ISO_8859_1)).isEqualTo("\r\na\r\nb\r\n\r\nOK\r\n");
        assertThat(VirtualModule.garble("\r\nOK\r\n".getBytes(StandardCharsets.ISO_8859_1), new byte[] {(byte) 0xFF, 0}))
                .isEqualTo(new byte[] {'\r', '\n', (byte) 0xFF, 0, 'O', 'K', '\r', '\n'});
    }

    @Test
    void pipelinedCommandsAreAnsweredInOrder() throws Exception {
        try (SimTerminal t = SimTerminal.start()) {
            int mark = t.mark();
            t.write("AT+MIPLVER?\rAT+CFUN?\rAT\rAT+CEREG?\r");
            t.awaitLine("^\\+CEREG: ");
            t.awaitLine("^OK$");
            assertThat(t.linesSince(mark)).containsExactly("+MIPLVER: 2.3.0", "OK", "+CFUN: 1", "OK", "OK",
                    "+CEREG: 0,1", "OK");
        }
    }
}
