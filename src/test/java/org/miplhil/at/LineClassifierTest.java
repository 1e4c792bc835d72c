package org.miplhil.at;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LineClassifierTest {

    private static AtLine c(String text, String pending) {
        return LineClassifier.classify(RawLine.of(text), pending);
    }

    @Test
    void theExactPendingCommandIsItsEcho() {
        assertThat(c("AT+MIPLCREATE", "AT+MIPLCREATE")).isInstanceOf(AtLine.Echo.class);
        assertThat(c("AT+MIPLCREATE", "AT+MIPLCREATE\r")).as("terminator ignored").isInstanceOf(AtLine.Echo.class);
        assertThat(c("at+miplcreate", "AT+MIPLCREATE")).as("not exact").isInstanceOf(AtLine.Information.class);
        assertThat(c("AT+MIPLCREATE", null)).isInstanceOf(AtLine.Urc.class);
    }

    @Test
    void finalResults() {
        AtLine ok = c("OK", "AT");
        assertThat(ok).isInstanceOfSatisfying(AtLine.FinalResult.class, f -> {
            assertThat(f.kind()).isEqualTo(AtLine.FinalResult.Kind.OK);
            assertThat(f.isOk()).isTrue();
            assertThat(f.code()).isEmpty();
        });
        assertThat(c("ERROR", "AT+X")).isInstanceOfSatisfying(AtLine.FinalResult.class,
                f -> assertThat(f.kind()).isEqualTo(AtLine.FinalResult.Kind.ERROR));
        assertThat(c("+CIS ERROR: 652", "AT+MIPLOPEN=0,5")).isInstanceOfSatisfying(AtLine.FinalResult.class, f -> {
            assertThat(f.kind()).isEqualTo(AtLine.FinalResult.Kind.CIS_ERROR);
            assertThat(f.code()).hasValue(652);
            assertThat(f.cisError()).contains(CisError.PARAMETER_ERROR);
        });
        assertThat(c("+CME ERROR: 50", "AT+X")).isInstanceOfSatisfying(AtLine.FinalResult.class, f -> {
            assertThat(f.kind()).isEqualTo(AtLine.FinalResult.Kind.CME_ERROR);
            assertThat(f.code()).hasValue(50);
            assertThat(f.cisError()).isEmpty();
        });
        assertThat(c("OK", null)).as("a stray OK is still a final result").isInstanceOf(AtLine.FinalResult.class);
        assertThat(c("+CIS ERROR: x", "AT+X")).isInstanceOf(AtLine.Information.class);
        assertThat(LineClassifier.isFinalResult("+CIS ERROR: 655")).isTrue();
        assertThat(LineClassifier.isFinalResult("OK ")).isFalse();
    }

    @Test
    void theNetworkUrcsAreUrcsAndTheQueryAnswersInformation() {
        for (String s : new String[] {"+CPIN: READY", "+CSCON: 1", "+CSCON: 0", "+CEREG: 0", "+CEREG: 2,,,",
                "+CEREG: 1,\"1A2B\",\"00005BA0\",9"}) {
            assertThat(c(s, "AT+CGMR")).as(s).isInstanceOf(AtLine.Urc.class);
            assertThat(((AtLine.Urc) c(s, null)).kind()).as(s).isNotEqualTo(UrcKind.UNKNOWN);
        }
        assertThat(c("+CPIN: READY", "AT+CPIN?")).isInstanceOf(AtLine.Information.class);
        assertThat(c("+CSCON: 0,1", "AT+CSCON?")).isInstanceOf(AtLine.Information.class);
        assertThat(c("+CSCON: (0,1)", "AT+CSCON=?")).isInstanceOf(AtLine.Information.class);
        assertThat(c("+CEREG: 0,1", "AT+CEREG?")).isInstanceOf(AtLine.Information.class);
        assertThat(c("+CEREG: 2,1,\"1A2B\",\"00005BA0\",9", "AT+CEREG?")).isInstanceOf(AtLine.Information.class);
        // 27.007: the URC has one field less than the query's answer, so it stays a URC while AT+CEREG? waits
        assertThat(c("+CEREG: 1", "AT+CEREG?")).isInstanceOf(AtLine.Urc.class);
        assertThat(c("+CEREG: 1,\"1A2B\",\"00005BA0\",9", "AT+CEREG?")).isInstanceOf(AtLine.Urc.class);
        assertThat(c("+CSCON: 1", "AT+CSCON?")).isInstanceOf(AtLine.Urc.class);
    }

    @Test
    void errorNamesOfCmeeTwoAreFinalResults() {
        assertThat(c("+CIS ERROR: CIS_PARAM_ERROR", "AT+MIPLOPEN=0,5")).isInstanceOfSatisfying(AtLine.FinalResult.class,
                f -> assertThat(f.code()).isEmpty());
        assertThat(LineClassifier.isFinalResult("+CIS ERROR: (null)")).isTrue();
        assertThat(LineClassifier.isFinalResult("+CME ERROR: ATERR_PARAM_INVALID")).isTrue();
    }

    @Test
    void urcPrefixesAreUrcsEvenWhileACommandIsPending() {
        String pending = "AT+MIPLDELETE=0";
        assertThat(c("+MIPLEVENT: 0,15", pending)).isInstanceOfSatisfying(AtLine.Urc.class,
                u -> assertThat(u.kind()).isEqualTo(UrcKind.MIPLEVENT));
        for (String s : new String[] {"+MIPLDISCOVER: 0,1,3311", "+MIPLOBSERVE: 0,1,1,3311,0,-1", "+MIPLREAD: 0,1,3311,0,1",
                "+MIPLWRITE: 0,1,3311,0,1,2,1,01,0,0", "+MIPLEXECUTE: 0,1,3311,0,1", "+MIPLPARAMETER: 0,1,3311,0,1,6,\"pmin=1\"",
                "+QIND: \"FOTA\",\"START\"", "RDY", "+IP: 10.0.0.1", "+CFUN: 1", "+CEREG: 1",
                "+QNBIOTEVENT: \"EXIT DEEPSLEEP\""}) {
            assertThat(c(s, pending)).as(s).isInstanceOf(AtLine.Urc.class);
            assertThat(((AtLine.Urc) c(s, null)).kind()).as(s).isNotEqualTo(UrcKind.UNKNOWN);
        }
    }

    @Test
    void cfunAndCeregAnswerTheirOwnQueryAndAreUrcsOtherwise() {
        assertThat(c("+CFUN: 1", "AT+CFUN?")).isInstanceOf(AtLine.Information.class);
        assertThat(c("+CEREG: 0,1", "AT+CEREG?")).isInstanceOf(AtLine.Information.class);
        assertThat(c("+CEREG: (0-5)", "AT+CEREG=?")).isInstanceOf(AtLine.Information.class);
        assertThat(c("+CFUN: 1", "AT+CEREG?")).isInstanceOf(AtLine.Urc.class);
        assertThat(c("+CEREG: 1", "AT+CFUN=1")).isInstanceOf(AtLine.Urc.class);
        assertThat(c("+CFUN: 1", null)).isInstanceOf(AtLine.Urc.class);
    }

    @Test
    void otherLinesAreInformationWhilePendingAndUnknownUrcsOtherwise() {
        assertThat(c("Quectel_Ltd", "ATI")).isInstanceOf(AtLine.Information.class);
        assertThat(c("+MIPLCREATE: 0", "AT+MIPLCREATE")).isInstanceOf(AtLine.Information.class);
        assertThat(c("+CGPADDR: 5,\"10.177.135.245\"", "AT+CGPADDR?")).isInstanceOf(AtLine.Information.class);
        assertThat(c("+QATSLEEP", null)).isInstanceOfSatisfying(AtLine.Urc.class, u -> {
            assertThat(u.kind()).isEqualTo(UrcKind.UNKNOWN);
            assertThat(u.text()).isEqualTo("+QATSLEEP");
            assertThat(u.parse()).isInstanceOf(Parsed.Invalid.class);
        });
    }

    @Test
    void noiseStaysNoiseWithItsReason() {
        RawLine raw = new RawLine("O\\x00K", 1, 2, Instant.EPOCH, true, "control byte 0x00 at offset 1");
        assertThat(LineClassifier.classify(raw, "AT")).isInstanceOfSatisfying(AtLine.Noise.class, n -> {
            assertThat(n.reason()).contains("0x00");
            assertThat(n.raw()).isSameAs(raw);
        });
    }
}
