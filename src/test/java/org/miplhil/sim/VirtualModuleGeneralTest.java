package org.miplhil.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The general command set through the pseudo-terminal (docs/virtual-module.md "Commands"): every answer against
 * the profile, the V.250 line rules, the network state behind AT+CFUN / AT+CGATT / AT+CEREG / AT+CSCON, AT+QRST.
 */
class VirtualModuleGeneralTest {

    @Test
    void identityAndStatusAnswersComeFromTheProfile() throws Exception {
        try (SimTerminal t = SimTerminal.start()) {
            var p = t.profile;
            var n = p.network();
            assertThat(t.send("AT+CGMI").lines()).containsExactly(p.general().cgmi(), "OK");
            assertThat(t.send("AT+CGMM").lines()).containsExactly(p.identity().model(), "OK");
            assertThat(t.send("AT+CGMR").lines()).containsExactly("Revision: " + p.identity().revision(), "OK");
            assertThat(t.send("AT+CIMI").lines()).containsExactly(p.identity().imsi(), "OK");
            assertThat(t.send("AT+QCCID").lines()).containsExactly("+QCCID: " + p.identity().iccid(), "OK");
            assertThat(t.send("AT+CPIN?").lines()).containsExactly("+CPIN: READY", "OK");
            assertThat(t.send("AT+CSQ").lines()).containsExactly("+CSQ: " + n.csq(), "OK");
            assertThat(t.send("AT+CESQ").lines()).containsExactly("+CESQ: " + n.cesq(), "OK");
            assertThat(t.send("AT+QBAND?").lines()).containsExactly("+QBAND: " + n.band(), "OK");
            assertThat(t.send("AT+CGATT?").lines()).containsExactly("+CGATT: 1", "OK");
            assertThat(t.send("AT+CGACT?").lines()).containsExactly("+CGACT: 5,1", "OK");
            assertThat(t.send("AT+CGDCONT?").lines()).containsExactly("+CGDCONT: 5,\"IP\",\"" + n.apn() + "\",,0,0,,,,,0,0", "OK");
            assertThat(t.send("AT+CSCON?").lines()).containsExactly("+CSCON: 0,0", "OK");
            assertThat(t.send("AT+CPSMS?").lines()).containsExactly("+CPSMS: " + n.psm(), "OK");
            assertThat(t.send("AT+CEDRXS?").lines()).containsExactly("OK");
            assertThat(t.send("AT+CEDRXRDP").lines()).containsExactly("+CEDRXRDP: 0", "OK");
            assertThat(t.send("AT+QENG=0").lines()).containsExactly("+QENG: " + n.qeng(), "OK");
            assertThat(t.send("AT+CCLK?").lines().get(0)).matches("\\+CCLK: \"\\d{4}/\\d\\d/\\d\\d,\\d\\d:\\d\\d:\\d\\d\\+32\"");
            assertThat(t.send("AT+CGSN").lines()).containsExactly(p.identity().imei(), "OK");
            for (String c : new String[] {"AT+CGATT", "AT+CEREG", "AT+CFUN", "AT+CSCON", "AT+CSQ", "AT+CESQ", "AT+CGSN",
                    "AT+CGDCONT", "AT+CGACT", "AT+CPSMS", "AT+CEDRXS", "AT+QENG", "AT+QRST", "AT+CMEE"}) {
                assertThat(t.send(c + "=?").lines()).as(c).containsExactly(p.testResponse(c).orElseThrow(), "OK");
            }
        }
    }

    @Test
    void settingsAreSetAndRead() throws Exception {
        try (SimTerminal t = SimTerminal.start()) {
            assertThat(t.send("AT+CPSMS=0").lines()).containsExactly("OK");
            assertThat(t.send("AT+CPSMS?").lines().get(0)).startsWith("+CPSMS: 0,,,");
            assertThat(t.send("AT+CPSMS=1,,,\"00100001\",\"00000011\"").lines()).containsExactly("OK");
            assertThat(t.send("AT+CPSMS?").lines()).containsExactly("+CPSMS: 1,,,\"00100001\",\"00000011\"", "OK");
            assertThat(t.send("AT+CPSMS=1,,,\"2\"").lines()).containsExactly("+CME ERROR: 50");
            assertThat(t.send("AT+CEDRXS=1,5,\"0101\"").lines()).containsExactly("OK");
            assertThat(t.send("AT+CEDRXS?").lines()).containsExactly("+CEDRXS: 5,\"0101\"", "OK");
            assertThat(t.send("AT+CEDRXS=1,4,\"0101\"").lines()).containsExactly("+CME ERROR: 50");
            assertThat(t.send("AT+CEDRXS=3").lines()).containsExactly("OK");
            assertThat(t.send("AT+CEDRXS?").lines()).containsExactly("OK");
            assertThat(t.send("AT+QENG=1").lines()).containsExactly("+CME ERROR: 50");
            assertThat(t.send("AT+CGSN=1").lines()).containsExactly("+CGSN: " + t.profile.identity().imei(), "OK");
            assertThat(t.send("AT+CGSN=4").lines()).containsExactly("+CME ERROR: 50");
        }
    }

    @Test
    void v250LineRules() throws Exception {
        try (SimTerminal t = SimTerminal.start()) {
            String model = t.profile.identity().model();
            assertThat(t.send("AT ").lines()).containsExactly("OK");
            assertThat(t.send("At").lines()).containsExactly("OK");
            assertThat(t.send("aT+cgmm").lines()).containsExactly(model, "OK");
            assertThat(t.send("AT +CGMM").lines()).containsExactly(model, "OK");
            // several commands on one line: each answers, one final OK
            assertThat(t.send("AT+CGMI;+CGMM").lines()).containsExactly("Quectel_Ltd", model, "OK");
            assertThat(t.send("AT+CGMM;+CGATT?;+CSQ").lines())
                    .containsExactly(model, "+CGATT: 1", "+CSQ: " + t.profile.network().csq(), "OK");
            // the first error ends the line with it; the commands after it are not run
            assertThat(t.send("AT+CEREG=2;+FOO;+CEREG=1").lines()).containsExactly("ERROR");
            assertThat(t.send("AT+CEREG?").lines()).containsExactly("+CEREG: 2,1,\"1A2B\",\"00005BA0\",9", "OK");
            assertThat(t.send("AT+CGMM;+CMEE=9").lines()).containsExactly(model, "+CME ERROR: 50");
            // MIPL commands take part: a quoted ';' stays in its parameter
            assertThat(t.send("AT+MIPLVER?;+CGMM").lines()).containsExactly("+MIPLVER: 2.3.0", model, "OK");
            assertThat(t.send("ATE0V1").lines()).containsExactly("ERROR"); // V is not in the XY1100 AT layer
            // A/ repeats the last line, at once (no CR needed)
            t.send("AT+CGMR");
            int mark = t.mark();
            t.write("A/");
            org.awaitility.Awaitility.await("the repeated AT+CGMR").atMost(SimTerminal.DEADLINE)
                    .until(() -> t.linesSince(mark).size() >= 2);
            assertThat(t.linesSince(mark)).containsExactly("Revision: " + t.profile.identity().revision(), "OK");
        }
    }

    @Test
    void cfunZeroDetachesAndCfunOneAttachesAgain() throws Exception {
        try (SimTerminal t = SimTerminal.start()) {
            assertThat(t.send("AT+CEREG=1").lines()).containsExactly("OK");
            assertThat(t.send("AT+MIPLCREATE").lines()).containsExactly("+MIPLCREATE: 0", "OK");
            int mark = t.mark();
            assertThat(t.send("AT+CFUN=0").lines()).containsExactly("OK");
            t.awaitLine("^\\+CEREG: 0$");
            assertThat(t.send("AT+CFUN?").lines()).containsExactly("+CFUN: 0", "OK");
            assertThat(t.send("AT+CGATT?").lines()).containsExactly("+CGATT: 0", "OK");
            assertThat(t.send("AT+CEREG?").lines()).containsExactly("+CEREG: 1,0", "OK");
            assertThat(t.send("AT+CGPADDR?").lines()).containsExactly("OK");
            assertThat(t.send("AT+CSQ").lines()).containsExactly("+CSQ: 99,99", "OK");
            // no data connection: the MIPL commands answer as without PDN
            assertThat(t.send("AT+MIPLOPEN=0,86400").lines())
                    .containsExactly("+CIS ERROR: " + t.profile.code(org.miplhil.sim.profile.Mistake.ANY_NO_PDN));
            assertThat(t.send("AT+CGATT=1").lines()).containsExactly("+CME ERROR: 50"); // radio off
            assertThat(t.send("AT+CFUN=1").lines()).containsExactly("OK");
            t.awaitLine("^\\+IP: 10\\.177\\.135\\.245$");
            assertThat(t.linesSince(mark)).containsSubsequence("+CEREG: 0", "+CEREG: 2", "+CEREG: 1", "+IP: 10.177.135.245");
            assertThat(t.send("AT+CGATT?").lines()).containsExactly("+CGATT: 1", "OK");
            // the instance survived; registering works again
            assertThat(t.send("AT+MIPLADDOBJ=0,3311,1,\"1\",4,2").lines()).containsExactly("OK");
            assertThat(t.send("AT+MIPLOPEN=0,86400").lines()).containsExactly("OK");
            t.awaitLine("^\\+MIPLEVENT: 0,6$");
        }
    }

    @Test
    void cgattFollowsTheAttach() throws Exception {
        try (SimTerminal t = SimTerminal.start()) {
            assertThat(t.send("AT+CEREG=2").lines()).containsExactly("OK");
            int mark = t.mark();
            assertThat(t.send("AT+CGATT=0").lines()).containsExactly("OK");
            t.awaitLine("^\\+CEREG: 0,,,$");
            assertThat(t.send("AT+CGATT?").lines()).containsExactly("+CGATT: 0", "OK");
            assertThat(t.send("AT+CGATT=1").lines()).containsExactly("OK");
            t.awaitLine("^\\+IP: ");
            assertThat(t.linesSince(mark)).contains("+CEREG: 1,\"1A2B\",\"00005BA0\",9");
            assertThat(t.send("AT+CGATT?").lines()).containsExactly("+CGATT: 1", "OK");
        }
    }

    @Test
    void csconReportsTheRrcConnectionAroundLwm2mTraffic() throws Exception {
        FirmwareProfileEdit edit = text -> text.replace("rrc-release-after: {value: 20s", "rrc-release-after: {value: 300ms");
        try (SimTerminal t = SimTerminal.with().profile(SimTerminal.profile(edit::apply)).start()) {
            assertThat(t.send("AT+CSCON=1").lines()).containsExactly("OK");
            t.send("AT+MIPLCREATE");
            t.send("AT+MIPLADDOBJ=0,3311,1,\"1\",4,2");
            int mark = t.mark();
            assertThat(t.send("AT+MIPLOPEN=0,86400").lines()).containsExactly("OK");
            t.awaitLine("^\\+CSCON: 1$");
            t.awaitLine("^\\+CSCON: 0$", Duration.ofSeconds(30));
            assertThat(t.linesSince(mark)).containsSubsequence("+CSCON: 1", "+CSCON: 0");
            assertThat(t.send("AT+CSCON?").lines()).containsExactly("+CSCON: 1,0", "OK");
        }
    }

    @Test
    void qrstRestartsWithThePowerUpLines() throws Exception {
        try (SimTerminal t = SimTerminal.with().keepEcho().start()) {
            t.send("ATE0");
            assertThat(t.send("AT+MIPLCREATE").lines()).containsExactly("+MIPLCREATE: 0", "OK");
            int mark = t.mark();
            t.write("AT+QRST=1\r");
            t.awaitLine("^\\+IP: ");
            assertThat(t.linesSince(mark)).containsExactly("OK", "RDY", "+CFUN: 1", "+CPIN: READY", "+IP: 10.177.135.245");
            // echo is on again after the restart, the instance is gone
            int raw = t.rawMark();
            t.send("AT");
            assertThat(new String(t.rawSince(raw), StandardCharsets.ISO_8859_1)).isEqualTo("AT\r\r\nOK\r\n");
            assertThat(t.send("AT+MIPLCREATE").lines()).contains("+MIPLCREATE: 0");
        }
    }

    interface FirmwareProfileEdit {
        String apply(String text);
    }
}
