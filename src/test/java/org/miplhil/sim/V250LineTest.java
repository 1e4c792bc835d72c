package org.miplhil.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How the module cuts a command line into commands (V.250 5.2): prefix, spaces, ';', basic commands, A/. */
class V250LineTest {

    private static List<String> cut(String line) {
        return V250Line.commands(line).orElseThrow();
    }

    @Test
    void thePrefixInAnyCaseAndSpacesBeforeTheParameters() {
        assertThat(cut("AT")).containsExactly("AT");
        assertThat(cut("AT \r")).containsExactly("AT");
        assertThat(cut("At")).containsExactly("AT");
        assertThat(cut("aT+cgmi")).containsExactly("AT+cgmi");
        assertThat(cut(" AT +CEREG = 2")).containsExactly("AT+CEREG= 2"); // blanks around a value: the parser drops them
        assertThat(V250Line.commands("HELLO")).isEmpty();
        assertThat(V250Line.commands("A")).isEmpty();
        assertThat(V250Line.commands("")).isEmpty();
    }

    @Test
    void semicolonsSeparateCommandsOutsideQuotes() {
        assertThat(cut("AT+CGMI;+CGMM")).containsExactly("AT+CGMI", "AT+CGMM");
        assertThat(cut("AT+CIMI;+CGSN=1;+CGACT?")).containsExactly("AT+CIMI", "AT+CGSN=1", "AT+CGACT?");
        assertThat(cut("AT+CSQ;+MIPLDISCOVERRSP=0,1,1,9,\"5700;5701\""))
                .containsExactly("AT+CSQ", "AT+MIPLDISCOVERRSP=0,1,1,9,\"5700;5701\"");
        // a MIPL command's parameters run to the end of the line (XY1100 at_com.c: a combined line is found
        // before the first '=' only): the unquoted discover list stays whole
        assertThat(cut("AT+MIPLDISCOVERRSP=0,1,1,9,5700;5701")).containsExactly("AT+MIPLDISCOVERRSP=0,1,1,9,5700;5701");
        assertThat(cut("AT+MIPLDISCOVERRSP=0,1,1,5,5700;")).containsExactly("AT+MIPLDISCOVERRSP=0,1,1,5,5700;");
        assertThat(cut("AT+CGMI;")).containsExactly("AT+CGMI");
        // spaces inside the parameters are the command's own business
        assertThat(cut("AT+MIPLNOTIFY=0, 1 ,\"a b\"")).containsExactly("AT+MIPLNOTIFY=0, 1 ,\"a b\"");
    }

    @Test
    void basicCommandsFollowEachOther() {
        assertThat(cut("ATE0V1")).containsExactly("ATE0", "ATV1");
        assertThat(cut("ATE0+CMEE=1")).containsExactly("ATE0", "AT+CMEE=1");
        assertThat(cut("AT&W")).containsExactly("AT&W");
        assertThat(cut("ATS3=13")).containsExactly("ATS3=13");
        assertThat(cut("ATI")).containsExactly("ATI");
        assertThat(cut("AT#X")).containsExactly("AT#X");
    }

    @Test
    void aSlashRepeats() {
        assertThat(V250Line.isRepeat("A/")).isTrue();
        assertThat(V250Line.isRepeat("a/\r")).isTrue();
        assertThat(V250Line.isRepeat("AT/")).isFalse();
    }
}
