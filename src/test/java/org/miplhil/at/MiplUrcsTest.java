package org.miplhil.at;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class MiplUrcsTest {

    private static MiplUrc ok(String line) {
        Parsed<MiplUrc> p = MiplUrcs.parse(line);
        assertThat(p).as(line).isInstanceOf(Parsed.Ok.class);
        assertThat(p.orElseThrow().format()).isEqualTo(line);
        return p.orElseThrow();
    }

    private static Parsed.Invalid<MiplUrc> bad(String line) {
        Parsed<MiplUrc> p = MiplUrcs.parse(line);
        assertThat(p).as(line).isInstanceOf(Parsed.Invalid.class);
        return (Parsed.Invalid<MiplUrc>) p;
    }

    @Test
    void eventThirdFieldIsAckIdFor25And26AndExtendOtherwise() {
        MiplEvent printed = (MiplEvent) ok("+MIPLEVENT: 0,26,255");
        assertThat(printed.ackId()).hasValue(255);
        assertThat(printed.extend()).isEmpty();
        assertThat(printed.event()).contains(EventId.NOTIFY_SUCCESS);
        assertThat(MiplEvent.notifyOutcome(true, 255)).isEqualTo(printed);
        MiplEvent spec = (MiplEvent) ok("+MIPLEVENT: 0,25,487674,258");
        assertThat(spec.extend()).hasValue(487674);
        assertThat(spec.ackId()).hasValue(258);
        MiplEvent need = (MiplEvent) ok("+MIPLEVENT: 0,14,3240");
        assertThat(need.extend()).hasValue(3240);
        assertThat(need.ackId()).isEmpty();
        assertThat(MiplEvent.updateNeed(3240)).isEqualTo(need);
        assertThat(MiplEvent.responseFailed(69234).format()).isEqualTo("+MIPLEVENT: 0,20,69234");
        assertThat(MiplEvent.of(EventId.REG_SUCCESS).format()).isEqualTo("+MIPLEVENT: 0,6");
        assertThat(((MiplEvent) ok("+MIPLEVENT: 0,99")).event()).isEmpty();
        assertThat(new MiplEvent(0, 26, OptionalLong.empty(), OptionalInt.of(7)).format()).isEqualTo("+MIPLEVENT: 0,26,7");
        assertThat(bad("+MIPLEVENT: 0,26,1,2,3").paramIndex()).isEqualTo(4);
        assertThat(bad("+MIPLEVENT: 0").paramIndex()).isEqualTo(1);
    }

    @Test
    void fotaProgressKeepsWhatFollowsThePercentage() {
        FotaUpdating doc = (FotaUpdating) ok("+QIND: \"FOTA\",\"UPDATING\",30");
        assertThat(doc.percent()).isEqualTo(30);
        assertThat(doc.tail()).isEmpty();
        FotaUpdating printed = (FotaUpdating) ok("+QIND: \"FOTA\",\"UPDATING\",30%,1,1");
        assertThat(printed.percent()).isEqualTo(30);
        assertThat(printed.tail()).isEqualTo("%,1,1");
        assertThat(FotaUpdating.asPrinted(30)).isEqualTo(printed);
        assertThat(new FotaUpdating(100).format()).isEqualTo("+QIND: \"FOTA\",\"UPDATING\",100");
        assertThat(((FotaEnd) ok("+QIND: \"FOTA\",\"END\",255")).success()).isFalse();
        assertThat(ok("+QIND: \"FOTA\",\"START\"")).isEqualTo(new FotaStart());
        assertThat(bad("+QIND: \"FOTA\",\"UPDATING\",").reason()).contains("FOTA");
        assertThat(bad("+QIND: \"FOTA\",\"PAUSED\"").reason()).contains("5.8");
        // the digits are the percentage only when they format back the same: no leading zeros, at most 3
        assertThat(bad("+QIND: \"FOTA\",\"UPDATING\",042%").reason()).contains("FOTA");
        assertThat(bad("+QIND: \"FOTA\",\"UPDATING\",1000").reason()).contains("FOTA");
    }

    @Test
    void executeArgumentsAreOptionalAndParameterAttributesReadable() {
        MiplExecute bare = (MiplExecute) ok("+MIPLEXECUTE: 0,36476,3303,0,5605");
        assertThat(bare.arguments()).isEmpty();
        MiplExecute reset = (MiplExecute) ok("+MIPLEXECUTE: 0,36476,3303,0,5605,5,\"reset\"");
        assertThat(reset.arguments()).contains("reset");
        assertThat(reset.len()).hasValue(5);
        assertThat(new MiplExecute(0, 36476, 3303, 0, 5605, "reset")).isEqualTo(reset);
        assertThat(bad("+MIPLEXECUTE: 0,36476,3303,0,5605,5").reason()).contains("5, or 7");
        MiplParameter p = (MiplParameter) ok("+MIPLPARAMETER: 0,56642,3303,0,5700,38,\"pmin=2;pmax=190;gt=100.0;lt=1.0;st=0.2\"");
        assertThat(p.attributes()).containsEntry("pmin", "2").containsEntry("st", "0.2").hasSize(5);
        assertThat(new MiplParameter(0, 56642, 3303, 0, 5700, "pmin=2;pmax=190;gt=100.0;lt=1.0;st=0.2")).isEqualTo(p);
    }

    @Test
    void writeEndsWithFlagThenIndex() {
        MiplWrite w = (MiplWrite) ok("+MIPLWRITE: 0,46584,3311,0,5850,2,1,01,0,1");
        assertThat(w.flag()).isZero();
        assertThat(w.index()).isEqualTo(1);
        assertThat(MiplWrite.ofBytes(0, 38017, 3311, 0, 5706, "hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, 0)
                .format()).isEqualTo("+MIPLWRITE: 0,38017,3311,0,5706,2,5,68656C6C6F,0,0");
    }

    @Test
    void writeOfTextShowsTheStringAsPrintedWithOrWithoutQuotes() {
        // recv_data_format 1: the BC260Y build prints the text bare; other builds quote it. Both format back.
        MiplWrite bare = (MiplWrite) ok("+MIPLWRITE: 0,38017,3311,0,5706,1,5,hello,0,0");
        assertThat(bare.value()).isEqualTo(new MiplValue.StringValue("hello", false));
        assertThat(bare.violations()).isEmpty();
        assertThat(MiplWrite.ofText(0, 38017, 3311, 0, 5706, "hello".getBytes(java.nio.charset.StandardCharsets.UTF_8), 0, 0))
                .isEqualTo(bare);
        MiplWrite quoted = (MiplWrite) ok("+MIPLWRITE: 0,38017,3311,0,5706,1,5,\"hello\",0,0");
        assertThat(quoted.value()).isEqualTo(new MiplValue.StringValue("hello"));
        assertThat(quoted.value().text()).isEqualTo("hello");
        assertThat(MiplWrite.ofText(0, 1, 3311, 0, 5706, "温度".getBytes(java.nio.charset.StandardCharsets.UTF_8), 0, 0).format())
                .as("len counts bytes").isEqualTo("+MIPLWRITE: 0,1,3311,0,5706,1,6,温度,0,0");
        assertThat(MiplWrite.ofText(0, 1, 3311, 0, 5706, "a,b".getBytes(java.nio.charset.StandardCharsets.UTF_8), 0, 0)
                .violations()).extracting(Violation::rule).containsExactly(Violation.Rule.INCONSISTENT);
    }

    @Test
    void startUpLines() {
        assertThat(ok("RDY")).isEqualTo(new Rdy());
        assertThat(((IpUrc) ok("+IP: 11.201.96.220")).address()).isEqualTo("11.201.96.220");
        assertThat(((CfunUrc) ok("+CFUN: 1")).fun()).isEqualTo(1);
        assertThat(bad("+IP: nowhere").paramIndex()).isZero();
    }

    @Test
    void strictNamesAndReadableFailures() {
        assertThat(bad("+MIPLOBSEVE: 0,29620,1,3311,0,-1").reason()).contains("misspelling").contains("+MIPLOBSERVE");
        assertThat(bad("+MIPLREAD: 0,3123,3311,0").reason()).contains("<resId>");
        assertThat(bad("+MIPLREAD: 0,3123,3311,0,x").paramIndex()).isEqualTo(4);
        assertThat(bad("+MIPLDISCOVER: 0,\"1\",3311").paramIndex()).isEqualTo(1);
        assertThat(bad("OK").reason()).contains("not a URC");
        assertThat(bad("+FOO: 1").reason()).contains("+FOO");
        assertThat(bad(null)).isNotNull();
        assertThat(MiplUrcs.parse("+MIPLREAD:0,3123,3311,0,5805").orElseThrow())
                .as("no blank after the colon is accepted").isEqualTo(new MiplRead(0, 3123, 3311, 0, 5805));
    }

    @Test
    void urcViolationsCheckWhatAModulePrints() {
        assertThat(ok("+MIPLREAD: 0,1,3311,-1,-1").violations()).isEmpty();
        assertThat(ok("+MIPLREAD: 0,1,3311,-2,0").violations()).singleElement()
                .satisfies(v -> assertThat(v.paramIndex()).isEqualTo(3));
        assertThat(ok("+MIPLWRITE: 0,1,3311,-1,0,2,1,01,0,0").violations()).extracting(Violation::param).containsExactly("insId");
        assertThat(ok("+MIPLWRITE: 0,1,3311,0,0,2,2,01,0,0").violations()).extracting(Violation::rule)
                .containsExactly(Violation.Rule.LENGTH_MISMATCH);
        assertThat(ok("+MIPLEXECUTE: 0,1,3303,0,5605,4,\"reset\"").violations()).extracting(Violation::paramIndex)
                .containsExactly(5);
        assertThat(ok("+MIPLPARAMETER: 0,1,3303,0,5700,3,\"pmin=2\"").violations()).extracting(Violation::param)
                .containsExactly("len");
        assertThat(ok("+MIPLOBSERVE: 0,1,2,3311,0,-1").violations()).extracting(Violation::param).containsExactly("flag");
        assertThat(ok("+MIPLEVENT: 0,16").violations()).extracting(Violation::param).containsExactly("evtId");
        assertThat(ok("+MIPLEVENT: 0,26,0").violations()).extracting(Violation::paramIndex).containsExactly(2);
        assertThat(ok("+MIPLEVENT: 0,26,1,0").violations()).extracting(Violation::paramIndex).containsExactly(3);
        assertThat(ok("+QIND: \"FOTA\",\"UPDATING\",101").violations()).extracting(Violation::param).containsExactly("percent");
        assertThat(ok("+QIND: \"FOTA\",\"END\",1").violations()).extracting(Violation::param).containsExactly("upgrade_err");
        assertThat(ok("+MIPLDISCOVER: 0,4294967296,3311").violations()).extracting(Violation::param).containsExactly("msgId");
    }
}
