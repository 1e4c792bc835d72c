package org.miplhil.at;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AtCommandLineTest {

    private static ParsedCommand ok(String line) {
        Parsed<ParsedCommand> p = AtCommandLine.parse(line);
        assertThat(p).as(line).isInstanceOf(Parsed.Ok.class);
        return p.orElseThrow();
    }

    private static Parsed.Invalid<ParsedCommand> bad(String line) {
        Parsed<ParsedCommand> p = AtCommandLine.parse(line);
        assertThat(p).as(line).isInstanceOf(Parsed.Invalid.class);
        return (Parsed.Invalid<ParsedCommand>) p;
    }

    @Test
    void theFourFormsOfTable2() {
        assertThat(ok("AT+MIPLOPEN=?")).extracting(ParsedCommand::name, ParsedCommand::form)
                .containsExactly("+MIPLOPEN", ParsedCommand.Form.TEST);
        assertThat(ok("AT+MIPLVER?")).extracting(ParsedCommand::name, ParsedCommand::form)
                .containsExactly("+MIPLVER", ParsedCommand.Form.QUERY);
        ParsedCommand set = ok("AT+MIPLOPEN=0,86400");
        assertThat(set.form()).isEqualTo(ParsedCommand.Form.SET);
        assertThat(set.params()).containsExactly(Param.plain("0"), Param.plain("86400"));
        assertThat(ok("AT+MIPLCREATE")).extracting(ParsedCommand::name, ParsedCommand::form)
                .containsExactly("+MIPLCREATE", ParsedCommand.Form.EXEC);
    }

    @Test
    void basicCommandsAndBareAt() {
        assertThat(ok("AT")).extracting(ParsedCommand::name, ParsedCommand::form).containsExactly("", ParsedCommand.Form.EXEC);
        assertThat(ok("ATI").name()).isEqualTo("I");
        assertThat(ok("ATE0").name()).isEqualTo("E0");
        assertThat(ok("AT&F").name()).isEqualTo("&F");
        assertThat(ok("ate1").name()).isEqualTo("E1");
        ParsedCommand s3 = ok("ATS3=13");
        assertThat(s3.name()).isEqualTo("S3");
        assertThat(s3.params()).containsExactly(Param.plain("13"));
        assertThat(ok("ATI").isExtended()).isFalse();
    }

    @Test
    void prefixIsAtOrLowerCaseAt() {
        ParsedCommand lower = ok("at+miplcreate");
        assertThat(lower.name()).isEqualTo("+MIPLCREATE");
        assertThat(lower.text()).isEqualTo("at+miplcreate");
        assertThat(bad("At+MIPLCREATE").reason()).contains("3.1.2");
        assertThat(bad("+MIPLCREATE").reason()).contains("AT");
        assertThat(bad("").paramIndex()).isEqualTo(Parsed.NO_PARAM);
        assertThat(AtCommandLine.parse(null)).isInstanceOf(Parsed.Invalid.class);
    }

    @Test
    void quotedParametersKeepCommasAndAreUnquotedWithAFlag() {
        ParsedCommand c = ok("AT+MIPLDISCOVERRSP=0,26384,1,19,\"5850;5851,5706\",");
        assertThat(c.params()).containsExactly(Param.plain("0"), Param.plain("26384"), Param.plain("1"),
                Param.plain("19"), Param.quoted("5850;5851,5706"), Param.plain(""));
        assertThat(c.param(4).quoted()).isTrue();
        assertThat(c.param(5).isEmpty()).isTrue();
        assertThat(c.format()).isEqualTo("AT+MIPLDISCOVERRSP=0,26384,1,19,\"5850;5851,5706\",");
    }

    @Test
    void emptyParametersAreKept() {
        assertThat(ok("AT+X=,,").params()).containsExactly(Param.plain(""), Param.plain(""), Param.plain(""));
        assertThat(ok("AT+X=").params()).containsExactly(Param.plain(""));
        assertThat(ok("AT+X=\"\"").params()).containsExactly(Param.quoted(""));
    }

    @Test
    void blanksAroundUnquotedParametersAreDropped() {
        assertThat(ok("AT+MIPLNOTIFY=0, 96119 ,3200").params())
                .containsExactly(Param.plain("0"), Param.plain("96119"), Param.plain("3200"));
        assertThat(ok("AT+X= \"a b\" ,1").params()).containsExactly(Param.quoted("a b"), Param.plain("1"));
    }

    @Test
    void malformedLinesSayWhereAndWhy() {
        Parsed.Invalid<ParsedCommand> unterminated = bad("AT+MIPLREADRSP=0,1,1,3311,0,5706,1,3,\"abc,0,0");
        assertThat(unterminated.paramIndex()).isEqualTo(8);
        assertThat(unterminated.reason()).contains("unterminated");
        Parsed.Invalid<ParsedCommand> afterQuote = bad("AT+X=1,\"a\"b,2");
        assertThat(afterQuote.paramIndex()).isEqualTo(1);
        assertThat(afterQuote.reason()).contains("after the closing quote");
        assertThat(bad("AT+X=1,a\"b").paramIndex()).isEqualTo(1);
        assertThat(bad("AT+X?1").reason()).contains("unexpected");
        assertThat(bad("AT+").reason()).contains("no command name");
        assertThat(bad("ATI#").reason()).contains("'#'");
    }

    @Test
    void trailingTerminatorIsIgnoredAndFormatIsCanonical() {
        assertThat(ok("AT+MIPLCLOSE=0\r\n").format()).isEqualTo("AT+MIPLCLOSE=0");
        assertThat(AtCommandLine.format("+MIPLOPEN", ParsedCommand.Form.SET, List.of(Param.plain(0), Param.plain(86400))))
                .isEqualTo("AT+MIPLOPEN=0,86400");
        assertThat(ok("at+miplopen=?").format()).isEqualTo("AT+MIPLOPEN=?");
    }

    @Test
    void headReadsNameAndFormEvenWhenTheParametersAreMalformed() {
        assertThat(AtCommandLine.head("AT+MIPLOPEN=0,\"86400").orElseThrow())
                .isEqualTo(new CommandHead("+MIPLOPEN", ParsedCommand.Form.SET, "AT+MIPLOPEN=0,\"86400"));
        assertThat(AtCommandLine.head("at+miplver?").orElseThrow().name()).isEqualTo("+MIPLVER");
        assertThat(AtCommandLine.head("ATE0").orElseThrow()).extracting(CommandHead::name, CommandHead::form,
                CommandHead::isExtended).containsExactly("E0", ParsedCommand.Form.EXEC, false);
        assertThat(AtCommandLine.head("AT").orElseThrow().name()).isEmpty();
        assertThat(ok("AT+MIPLCLOSE=0").head()).isEqualTo(AtCommandLine.head("AT+MIPLCLOSE=0").orElseThrow());
        // what parse refuses for a reason other than a parameter, head refuses too
        for (String line : new String[] {"AT+X?1", "AT+", "ATI#", "At+MIPLCREATE", "HELLO", ""}) {
            assertThat(AtCommandLine.head(line)).as(line).isInstanceOf(Parsed.Invalid.class);
            assertThat(bad(line).paramIndex()).as(line).isEqualTo(Parsed.NO_PARAM);
        }
        assertThat(AtCommandLine.head(null)).isInstanceOf(Parsed.Invalid.class);
    }

    @Test
    void aParameterReadsAsAnIntegerOnlyWhenItIsOne() {
        assertThat(Param.plain("-1").integer()).hasValue(-1);
        assertThat(Param.plain("65535").integer()).hasValue(65535);
        assertThat(Param.quoted("1").integer()).isEmpty();
        assertThat(Param.plain("0x10").integer()).isEmpty();
        assertThat(Param.plain("").integer()).isEmpty();
        assertThat(Param.plain("-").integer()).isEmpty();
        assertThat(Param.plain("+1").integer()).isEmpty();
        assertThat(Param.plain("99999999999999999999").integer()).isEmpty();
    }

    @Test
    void splitParamsServesUrcBodiesToo() {
        assertThat(AtCommandLine.splitParams("0,56642,3303,0,5700,38,\"pmin=2;pmax=190\"", "t").orElseThrow())
                .hasSize(7).last().isEqualTo(Param.quoted("pmin=2;pmax=190"));
    }
}
