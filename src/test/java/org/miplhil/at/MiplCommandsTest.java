package org.miplhil.at;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class MiplCommandsTest {

    private static MiplCommand parsed(String line) {
        Parsed<MiplCommand> p = MiplCommands.parse(line);
        assertThat(p).as(line).isInstanceOf(Parsed.Ok.class);
        return p.orElseThrow();
    }

    private static Parsed.Invalid<MiplCommand> parseFails(String line) {
        Parsed<MiplCommand> p = MiplCommands.parse(line);
        assertThat(p).as(line).isInstanceOf(Parsed.Invalid.class);
        return (Parsed.Invalid<MiplCommand>) p;
    }

    /** Parses (must succeed), then validates (must fail); the first violation. */
    private static Violation violation(String line) {
        List<Violation> v = parsed(line).violations();
        assertThat(v).as(line).isNotEmpty();
        return v.get(0);
    }

    @Test
    void typedRecordsFormatAsTheNotePrintsThem() {
        assertThat(new MiplReadRsp(0, 25466, 1, 3311, 0, 5706, 1, 10, new MiplValue.StringValue("1234567890"), 1, 0,
                OptionalInt.empty()).format()).isEqualTo("AT+MIPLREADRSP=0,25466,1,3311,0,5706,1,10,\"1234567890\",1,0");
        assertThat(MiplReadRsp.of(0, 3123, 3311, 0, 5805, new MiplValue.FloatValue("1.88"), 0, 0).format())
                .isEqualTo("AT+MIPLREADRSP=0,3123,1,3311,0,5805,4,4,1.88,0,0");
        assertThat(MiplReadRsp.of(0, 25466, 3311, 0, 5852, new MiplValue.IntegerValue(123), 2, 0).format())
                .isEqualTo("AT+MIPLREADRSP=0,25466,1,3311,0,5852,3,2,123,2,0");
        assertThat(MiplReadRsp.of(0, 25466, 3311, 0, 5851, new MiplValue.BooleanValue(true), 3, 0).format())
                .isEqualTo("AT+MIPLREADRSP=0,25466,1,3311,0,5851,5,1,1,3,0");
        assertThat(MiplNotify.of(0, 307353, 3303, 0, 5701, new MiplValue.StringValue("Cel"), 0, 0).withAckId(255).format())
                .isEqualTo("AT+MIPLNOTIFY=0,307353,3303,0,5701,1,3,\"Cel\",0,0,255");
        assertThat(MiplConfig.of(0, 1, 1, "183.230.40.39", 5683).format())
                .isEqualTo("AT+MIPLCONFIG=0,1,1,\"183.230.40.39\",5683");
        assertThat(new MiplAddObj(0, 3311, 1, "1", 4, 2).format()).isEqualTo("AT+MIPLADDOBJ=0,3311,1,\"1\",4,2");
        assertThat(new MiplOpen(0, 86400).format()).isEqualTo("AT+MIPLOPEN=0,86400");
        assertThat(MiplDiscoverRsp.of(0, 26384, List.of(5850, 5851, 5706, 5805)).format())
                .isEqualTo("AT+MIPLDISCOVERRSP=0,26384,1,19,\"5850;5851;5706;5805\"");
        assertThat(new MiplObserveRsp(0, 69234, ResultCode.CONTENT).format()).isEqualTo("AT+MIPLOBSERVERSP=0,69234,1");
        assertThat(new MiplCreate().format()).isEqualTo("AT+MIPLCREATE");
        assertThat(new MiplVer().format()).isEqualTo("AT+MIPLVER?");
        assertThat(new MiplTest(MiplCommandName.MIPLOPEN).format()).isEqualTo("AT+MIPLOPEN=?");
        assertThat(new MiplQuery(MiplCommandName.MIPLCONFIG).format()).isEqualTo("AT+MIPLCONFIG?");
        assertThat(MiplCommandName.MIPLNOTIFY.testLine()).isEqualTo("AT+MIPLNOTIFY=?");
        assertThat(MiplReadRsp.NAME).isEqualTo(MiplCommandName.MIPLREADRSP);
    }

    @Test
    void parseGivesTheRecordsWithTheirValues() {
        MiplReadRsp r = (MiplReadRsp) parsed("AT+MIPLREADRSP=0,3123,1,3311,0,5805,4,4,1.88,0,0");
        assertThat(r.value()).isEqualTo(new MiplValue.FloatValue("1.88"));
        assertThat(((MiplValue.FloatValue) r.value()).value()).isEqualTo(1.88);
        assertThat(r.raiMode()).isEmpty();
        MiplNotify n = (MiplNotify) parsed("AT+MIPLNOTIFY=0,487674,3303,0,5700,4,4,170.1,3,0,258");
        assertThat(n.ackId()).hasValue(258);
        assertThat(n.confirmable()).isTrue();
        MiplOpen o = (MiplOpen) parsed("AT+MIPLOPEN=0,0");
        assertThat(o.effectiveLifetime()).isEqualTo(3600);
        assertThat(o.effectiveTimeout()).isEqualTo(30);
        MiplAddObj a = (MiplAddObj) parsed("AT+MIPLADDOBJ=0,3303,4,\"1101\",6,1");
        assertThat(a.registeredInstances()).containsExactly(0, 1, 3);
        assertThat(parsed("at+miplcreate")).isEqualTo(new MiplCreate());
        assertThat(parsed("AT+MIPLCONFIG?")).isEqualTo(new MiplQuery(MiplCommandName.MIPLCONFIG));
        assertThat(parsed("AT+MIPLDELETE=?")).isEqualTo(new MiplTest(MiplCommandName.MIPLDELETE));
        MiplWrite w = (MiplWrite) MiplUrcs.parse("+MIPLWRITE: 0,38017,3311,0,5706,2,5,68656C6C6F,0,0").orElseThrow();
        assertThat(((MiplValue.HexValue) w.value()).bytes()).hasValueSatisfying(
                bytes -> assertThat(new String(bytes, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("hello"));
    }

    @Test
    void syntaxAndTypeErrorsComeFromParseWithTheParameterIndex() {
        Parsed.Invalid<MiplCommand> few = parseFails("AT+MIPLOPEN=0");
        assertThat(few.paramIndex()).isEqualTo(1);
        assertThat(few.reason()).contains("at least 2").contains("<lifetime>");
        Parsed.Invalid<MiplCommand> many = parseFails("AT+MIPLCLOSE=0,1");
        assertThat(many.paramIndex()).isEqualTo(1);
        assertThat(parseFails("AT+MIPLOPEN=0,abc").paramIndex()).isEqualTo(1);
        assertThat(parseFails("AT+MIPLOPEN=0,\"86400\"").reason()).contains("without quotes");
        assertThat(parseFails("AT+MIPLADDOBJ=0,3311,1,1,4,2").paramIndex()).isEqualTo(3);
        Parsed.Invalid<MiplCommand> unterminated = parseFails("AT+MIPLNOTIFY=0,1,3303,0,5701,1,3,\"Cel,0,0");
        assertThat(unterminated.paramIndex()).isEqualTo(7);
        assertThat(unterminated.reason()).contains("unterminated");
        assertThat(parseFails("AT+MIPLREADRSP=0,1,1,3311,0,5805,4,4,abc,0,0").paramIndex()).isEqualTo(8);
        assertThat(parseFails("AT+MIPLREADRSP=0,1,1,3311,0,5706,1,3,Cel,0,0").reason()).contains("double quotes");
        assertThat(parseFails("AT+MIPLNOTIFY=0,1,3303,0,5850,5,1,2,0,0").reason()).contains("boolean");
        assertThat(parseFails("AT+MIPLNOTIFY=0,1,3303,0,5850,2,1,XY,0,0").reason()).contains("hex");
        assertThat(parseFails("AT+MIPLCONFIG=0,1,1").reason()).contains("2, or 5, or 6");
        assertThat(parseFails("AT+MIPLOPEN=0,99999999999999999999").reason()).contains("too large");
        assertThat(parseFails("AT+MIPLOPEN=0,").reason()).contains("empty");
        assertThat(parseFails("AT+MIPLCREATE=?").reason()).contains("3.3.2").contains("TEST");
        assertThat(parseFails("AT+MIPLVER").reason()).contains("EXEC");
        assertThat(parseFails("AT+CFUN=1").reason()).contains("not a MIPL command");
        assertThat(parseFails("ATI").paramIndex()).isEqualTo(Parsed.NO_PARAM);
    }

    @Test
    void rangeErrorsComeFromValidateWithTheParameterIndex() {
        Violation lifetime = violation("AT+MIPLOPEN=0,14");
        assertThat(lifetime.paramIndex()).isEqualTo(1);
        assertThat(lifetime.param()).isEqualTo("lifetime");
        assertThat(lifetime.rule()).isEqualTo(Violation.Rule.OUT_OF_RANGE);
        assertThat(lifetime.reason()).contains("15..268435455").contains("3.3.7");
        assertThat(violation("AT+MIPLOPEN=0,268435456").paramIndex()).isEqualTo(1);
        assertThat(violation("AT+MIPLOPEN=0,86400,0").param()).isEqualTo("timeout");
        assertThat(violation("AT+MIPLUPDATE=0,86400,2").param()).isEqualTo("withObjectFlag");
        assertThat(violation("AT+MIPLDELETE=65536").param()).isEqualTo("ref");
        assertThat(parsed("AT+MIPLDELETE=1").violations()).as("ref 1 is in range; only 0 'supported'").isEmpty();
        assertThat(violation("AT+MIPLCONFIG=0,1,1,\"1.2.3.4\",0").param()).isEqualTo("port");
        assertThat(violation("AT+MIPLOBSERVERSP=0,4294967296,1").param()).isEqualTo("msgId");
        assertThat(parsed("AT+MIPLOBSERVERSP=0,268435456,1").violations()).as("the wider msgId reading").isEmpty();
        assertThat(violation("AT+MIPLOBSERVERSP=0,1,1,3").param()).isEqualTo("raiMode");
    }

    @Test
    void resultCodesPerRequestType() {
        Violation v = violation("AT+MIPLWRITERSP=0,38017,1");
        assertThat(v.rule()).isEqualTo(Violation.Rule.RESULT_NOT_ALLOWED);
        assertThat(v.paramIndex()).isEqualTo(2);
        assertThat(violation("AT+MIPLEXECUTERSP=0,1,15").rule()).isEqualTo(Violation.Rule.RESULT_NOT_ALLOWED);
        assertThat(violation("AT+MIPLREADRSP=0,1,2,3311,0,5805,4,4,1.88,0,0").paramIndex()).isEqualTo(2);
        assertThat(violation("AT+MIPLOBSERVERSP=0,1,3").paramIndex()).isEqualTo(2);
        assertThat(parsed("AT+MIPLOBSERVERSP=0,1,15").violations()).isEmpty();
        assertThat(parsed("AT+MIPLPARAMETERRSP=0,1,14").violations()).isEmpty();
        assertThat(ResultCode.CONTENT.coap()).isEqualTo("2.05");
        assertThat(ResultCode.NOT_ACCEPTABLE.coap()).isEqualTo("4.06");
        assertThat(ResultCode.NOT_ACCEPTABLE.allowedFor(RequestType.READ)).isTrue();
        assertThat(ResultCode.NOT_ACCEPTABLE.allowedFor(RequestType.WRITE)).isFalse();
        assertThat(ResultCode.CHANGED.allowedFor(RequestType.DISCOVER)).isFalse();
    }

    @Test
    void valueTypeAndLenPairs() {
        Violation floatLen = violation("AT+MIPLNOTIFY=0,1,3303,0,5700,4,8,25.6,0,0");
        assertThat(floatLen.paramIndex()).isEqualTo(6);
        assertThat(floatLen.rule()).isEqualTo(Violation.Rule.LENGTH_MISMATCH);
        assertThat(violation("AT+MIPLNOTIFY=0,1,3303,0,5700,3,3,7,0,0").reason()).contains("[2, 4, 8]");
        assertThat(violation("AT+MIPLNOTIFY=0,1,3303,0,5700,3,2,40000,0,0").paramIndex()).isEqualTo(7);
        assertThat(violation("AT+MIPLNOTIFY=0,1,3303,0,5701,1,4,\"Cel\",0,0").reason()).contains("3 bytes");
        assertThat(violation("AT+MIPLNOTIFY=0,1,3303,0,5701,2,2,ABC,0,0").reason()).contains("3 hex digits");
        assertThat(violation("AT+MIPLNOTIFY=0,1,3303,0,5701,5,2,1,0,0").paramIndex()).isEqualTo(6);
        assertThat(violation("AT+MIPLNOTIFY=0,1,3303,0,5701,1,1025,\"x\",0,0").rule()).isEqualTo(Violation.Rule.OUT_OF_RANGE);
        Violation badType = violation("AT+MIPLNOTIFY=0,1,3303,0,5700,6,4,25.6,0,0");
        assertThat(badType.paramIndex()).isEqualTo(5);
        assertThat(badType.param()).isEqualTo("valueType");
        assertThat(MiplCommands.parse("AT+MIPLNOTIFY=0,1,3303,0,5700,6,4,25.6,0,0").orElseThrow().format())
                .as("an unknown valueType still formats back").isEqualTo("AT+MIPLNOTIFY=0,1,3303,0,5700,6,4,25.6,0,0");
        assertThat(violation("AT+MIPLNOTIFY=0,1,3303,0,5700,4,4,25.6,11,0").param()).isEqualTo("index");
        assertThat(violation("AT+MIPLNOTIFY=0,1,3303,0,5700,4,4,25.6,0,3").param()).isEqualTo("flag");
        assertThat(violation("AT+MIPLNOTIFY=0,1,3303,0,5700,4,4,25.6,0,0,65536").param()).isEqualTo("ackId");
        assertThat(parsed("AT+MIPLNOTIFY=0,1,3303,0,5700,3,8,-9223372036854775808,0,0").violations()).isEmpty();
        assertThat(parsed("AT+MIPLNOTIFY=0,1,3303,0,5701,1,6,\"温度\",0,0").violations()).as("UTF-8 bytes").isEmpty();
    }

    @Test
    void lengthAndBitmapConsistency() {
        Violation d = violation("AT+MIPLDISCOVERRSP=0,1,1,18,\"5850;5851;5706;5805\"");
        assertThat(d.paramIndex()).isEqualTo(3);
        assertThat(d.rule()).isEqualTo(Violation.Rule.LENGTH_MISMATCH);
        assertThat(violation("AT+MIPLDISCOVERRSP=0,1,1,256,\"5850\"").rule()).isEqualTo(Violation.Rule.OUT_OF_RANGE);
        Violation bitmap = violation("AT+MIPLADDOBJ=0,3311,2,\"1\",4,2");
        assertThat(bitmap.paramIndex()).isEqualTo(3);
        assertThat(bitmap.rule()).isEqualTo(Violation.Rule.LENGTH_MISMATCH);
        assertThat(violation("AT+MIPLADDOBJ=0,3311,1,\"2\",4,2").reason()).contains("0 and 1");
        assertThat(violation("AT+MIPLADDOBJ=0,65536,1,\"1\",4,2").param()).isEqualTo("objId");
    }

    @Test
    void readResponseWithAFailureResultAloneIsTheShortForm() {
        MiplReadRspFailure f = (MiplReadRspFailure) parsed("AT+MIPLREADRSP=0,3123,13");
        assertThat(f).isEqualTo(new MiplReadRspFailure(0, 3123, ResultCode.NOT_FOUND));
        assertThat(f.format()).isEqualTo("AT+MIPLREADRSP=0,3123,13");
        assertThat(f.violations()).isEmpty();
        assertThat(f.request()).isEqualTo(RequestType.READ);
        assertThat(f.raiMode()).isEmpty();
        assertThat(violation("AT+MIPLREADRSP=0,3123,1").rule()).as("a success needs the value")
                .isEqualTo(Violation.Rule.INCONSISTENT);
        assertThat(violation("AT+MIPLREADRSP=0,3123,2").rule()).isEqualTo(Violation.Rule.RESULT_NOT_ALLOWED);
        assertThat(parseFails("AT+MIPLREADRSP=0,3123,13,3311").reason()).contains("at least 11");
        assertThat(parseFails("AT+MIPLREADRSP=0,3123,x").paramIndex()).isEqualTo(2);
    }

    @Test
    void everyResponseCommandNamesTheRequestItAnswers() {
        assertThat(((MiplAnswer) parsed("AT+MIPLDISCOVERRSP=0,1,1,4,\"5850\"")).request()).isEqualTo(RequestType.DISCOVER);
        assertThat(((MiplAnswer) parsed("AT+MIPLOBSERVERSP=0,1,1")).request()).isEqualTo(RequestType.OBSERVE);
        assertThat(((MiplAnswer) parsed("AT+MIPLREADRSP=0,1,1,3311,0,5805,4,4,1.88,0,0")).request()).isEqualTo(RequestType.READ);
        assertThat(((MiplAnswer) parsed("AT+MIPLWRITERSP=0,1,2")).request()).isEqualTo(RequestType.WRITE);
        assertThat(((MiplAnswer) parsed("AT+MIPLEXECUTERSP=0,1,2")).request()).isEqualTo(RequestType.EXECUTE);
        MiplAnswer p = (MiplAnswer) parsed("AT+MIPLPARAMETERRSP=0,56642,2,1");
        assertThat(p.request()).isEqualTo(RequestType.PARAMETER);
        assertThat(p.msgId()).isEqualTo(56642);
        assertThat(p.raiMode()).hasValue(1);
    }

    @Test
    void discoverValueStringHoldsResourceIds() {
        assertThat(parsed("AT+MIPLDISCOVERRSP=0,1,1,19,\"5850;5851;5706;5805\"").violations()).isEmpty();
        Violation notIds = violation("AT+MIPLDISCOVERRSP=0,1,1,9,\"5850;abcd\"");
        assertThat(notIds.param()).isEqualTo("valuestring");
        assertThat(notIds.rule()).isEqualTo(Violation.Rule.INCONSISTENT);
        assertThat(violation("AT+MIPLDISCOVERRSP=0,1,1,5,\"65536\"").param()).isEqualTo("valuestring");
        assertThat(violation("AT+MIPLDISCOVERRSP=0,1,1,10,\"5850;;5851\"").param()).isEqualTo("valuestring");
        assertThat(parsed("AT+MIPLDISCOVERRSP=0,1,13,0,\"\"").violations()).as("a failure lists nothing").isEmpty();
        assertThat(parsed("AT+MIPLDISCOVERRSP=0,1,13,3,\"n/a\"").violations()).as("nor is its string read").isEmpty();
        assertThat(parsed("AT+MIPLDISCOVERRSP=0,1,1,256,\"5850\"").violations()).extracting(Violation::rule)
                .as("out of 3.3.9's range, and not the string's length either")
                .containsExactly(Violation.Rule.OUT_OF_RANGE, Violation.Rule.LENGTH_MISMATCH);
    }

    @Test
    void validateGivesTheFirstViolationAsInvalid() {
        Parsed<MiplCommand> v = MiplCommands.parseAndValidate("AT+MIPLOPEN=0,5,0");
        assertThat(v).isInstanceOfSatisfying(Parsed.Invalid.class, inv -> {
            assertThat(inv.paramIndex()).isEqualTo(1);
            assertThat(inv.reason()).startsWith("<lifetime>");
        });
        assertThat(parsed("AT+MIPLOPEN=0,5,0").violations()).extracting(Violation::param).containsExactly("lifetime", "timeout");
        assertThat(MiplCommands.validate(new MiplOpen(0, 86400))).isInstanceOf(Parsed.Ok.class);
    }

    @Test
    void testResponsesAndInformationLines() {
        assertThat(MiplTestResponses.defaultFor(MiplCommandName.MIPLOPEN).orElseThrow().format())
                .isEqualTo("+MIPLOPEN: (0-65535),(0,15-268435455),(1-65535)");
        assertThat(MiplTestResponses.defaultFor(MiplCommandName.MIPLCREATE)).isEmpty();
        for (MiplCommandName n : MiplCommandName.values()) {
            MiplTestResponses.defaultFor(n).ifPresent(t -> {
                assertThat(n.supports(ParsedCommand.Form.TEST)).isTrue();
                assertThat(MiplResponses.parse(t.format()).orElseThrow()).isEqualTo(t);
            });
        }
        assertThat(new MiplResponse.ConfigInfo(0, 1, 1, "183.230.40.39", 5683, 1).format())
                .isEqualTo("+MIPLCONFIG: 0,1,1,\"183.230.40.39\",5683,1");
        assertThat(new MiplResponse.ConfigInfo(0, 1, 1, "183.230.40.39", 5683, 1).withIpQuoted(false).format())
                .isEqualTo("+MIPLCONFIG: 0,1,1,183.230.40.39,5683,1");
        assertThat(MiplResponses.parse("+MIPLCONFIG: 0,1,1,183.230.40.39,5683,1").orElseThrow().format())
                .isEqualTo("+MIPLCONFIG: 0,1,1,183.230.40.39,5683,1");
        assertThat(new MiplResponse.CreateInfo(0).format()).isEqualTo("+MIPLCREATE: 0");
        assertThat(new MiplResponse.VerInfo("2.3.0").format()).isEqualTo("+MIPLVER: 2.3.0");
        assertThat(MiplResponses.parse("+MIPLCREATE: x")).isInstanceOfSatisfying(Parsed.Invalid.class,
                inv -> assertThat(inv.paramIndex()).isZero());
        assertThat(new MiplResponse.TestInfo(MiplCommandName.MIPLOPEN, "(0-65535),(0,15-268435455),(1-65535)").fields())
                .containsExactly("(0-65535)", "(0,15-268435455)", "(1-65535)");
    }

    @Test
    void enumsOfTheNote() {
        assertThat(CisError.of(651)).contains(CisError.MEMORY_ERROR);
        assertThat(CisError.of(655).orElseThrow().description()).isEqualTo("Not found error");
        assertThat(CisError.of(650)).isEmpty();
        assertThat(ValueType.of(4)).contains(ValueType.FLOAT);
        assertThat(ValueType.of(0)).isEmpty();
        assertThat(EventId.of(26)).contains(EventId.NOTIFY_SUCCESS);
        assertThat(EventId.of(49)).contains(EventId.FIRMWARE_ERASE_FAIL);
        assertThat(EventId.of(16)).isEmpty();
        assertThat(EventId.values()).hasSize(25);
    }

    @Test
    void valueRulesAreDataAProfileCanWiden() {
        MiplCommand eightByteFloat = parsed("AT+MIPLNOTIFY=0,1,3303,0,5700,4,8,25.6,0,0");
        assertThat(eightByteFloat.violations()).extracting(Violation::param).containsExactly("len");
        assertThat(eightByteFloat.violations(ValueRules.NOTE.withFloatLens(4, 8))).isEmpty();
        assertThat(parsed("AT+MIPLREADRSP=0,1,1,3311,0,5805,4,8,1.88,0,0").violations(ValueRules.NOTE.withFloatLens(4, 8)))
                .isEmpty();
        assertThat(parsed("AT+MIPLOPEN=0,5").violations(ValueRules.NOTE)).extracting(Violation::param)
                .containsExactly("lifetime");
        assertThat(parsed("AT+MIPLNOTIFY=0,1,3303,0,5700,3,1,5,0,0").violations(ValueRules.NOTE.withIntegerLens(1, 2, 4, 8)))
                .isEmpty();
    }

    @Test
    void aStringThatCannotBeWrittenIsAViolation() {
        MiplNotify n = MiplNotify.of(0, 1, 3303, 0, 5701, new MiplValue.StringValue("a\"b"), 0, 0);
        assertThat(n.violations()).extracting(Violation::rule).contains(Violation.Rule.INCONSISTENT);
        assertThat(n.violations()).extracting(Violation::paramIndex).contains(7);
    }
}
