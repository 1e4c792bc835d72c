package org.miplhil.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.miplhil.sim.AtLineParser.Arg;
import org.miplhil.sim.AtLineParser.Extended;
import org.miplhil.sim.AtLineParser.Form;

class AtLineParserTest {

    @Test
    void readsTheFourFormsOfTable2() {
        assertThat(AtLineParser.parse("AT+MIPLOPEN=?")).isEqualTo(new Extended("+MIPLOPEN", Form.TEST, List.of(), true));
        assertThat(AtLineParser.parse("AT+MIPLVER?")).isEqualTo(new Extended("+MIPLVER", Form.QUERY, List.of(), true));
        assertThat(AtLineParser.parse("AT+MIPLCREATE")).isEqualTo(new Extended("+MIPLCREATE", Form.EXEC, List.of(), true));
        assertThat(AtLineParser.parse("AT+MIPLADDOBJ=0,3311,1,\"1\",4,2")).isEqualTo(new Extended("+MIPLADDOBJ",
                Form.SET, List.of(new Arg("0", false), new Arg("3311", false), new Arg("1", false), new Arg("1", true),
                        new Arg("4", false), new Arg("2", false)), true));
    }

    @Test
    void prefixAndNameAreCaseInsensitive() {
        assertThat(AtLineParser.parse("at+miplver?")).isEqualTo(new Extended("+MIPLVER", Form.QUERY, List.of(), true));
        assertThat(AtLineParser.parse("AT")).isEqualTo(new AtLineParser.Attention());
        assertThat(AtLineParser.parse("ate0")).isEqualTo(new AtLineParser.Basic("E0"));
        assertThat(AtLineParser.parse("ATI")).isEqualTo(new AtLineParser.Basic("I"));
        assertThat(AtLineParser.parse("hello")).isEqualTo(new AtLineParser.NotAt("hello"));
    }

    @Test
    void quotedTextKeepsCommasAndEmptyParametersStay() {
        Extended e = (Extended) AtLineParser.parse("AT+MIPLDISCOVERRSP=0,26384,1,19,\"5850;5851,5706;5805\"");
        assertThat(e.args().get(4)).isEqualTo(new Arg("5850;5851,5706;5805", true));
        Extended c = (Extended) AtLineParser.parse("AT+MIPLCONFIG=0,1,1,,5683");
        assertThat(c.args()).extracting(Arg::text).containsExactly("0", "1", "1", "", "5683");
        assertThat(c.args().get(3).isEmpty()).isTrue();
    }

    @Test
    void malformedQuotesAreFlagged() {
        assertThat(((Extended) AtLineParser.parse("AT+MIPLADDOBJ=0,3311,1,\"1,4,2")).argsWellFormed()).isFalse();
        assertThat(((Extended) AtLineParser.parse("AT+MIPLADDOBJ=0,3311,1,\"1\"x,4,2")).argsWellFormed()).isFalse();
        assertThat(((Extended) AtLineParser.parse("AT+MIPLADDOBJ=0,33\"11")).argsWellFormed()).isFalse();
        assertThat(((Extended) AtLineParser.parse("AT+MIPLVER?x")).argsWellFormed()).isFalse();
    }

    @Test
    void integersAreDecimalAndUnquoted() {
        assertThat(new Arg("-1", false).integer()).hasValue(-1);
        assertThat(new Arg("65535", false).integer()).hasValue(65535);
        assertThat(new Arg("1", true).integer()).isEmpty();
        assertThat(new Arg("0x10", false).integer()).isEmpty();
        assertThat(new Arg("", false).integer()).isEmpty();
        assertThat(new Arg("-", false).integer()).isEmpty();
        assertThat(new Arg("99999999999999999999", false).integer()).isEmpty();
    }

    @Test
    void randomLinesNeverThrow() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String alphabet = "AT+MIPLOPEN=?,\"0123456789 aT;-";
        for (int round = 0; round < 20_000; round++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(40);
            for (int i = 0; i < n; i++) {
                sb.append(random.nextInt(10) == 0 ? (char) random.nextInt(256) : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            try {
                AtLineParser.Parsed p = AtLineParser.parse(sb.toString());
                if (p instanceof Extended e) {
                    e.args().forEach(Arg::integer);
                }
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + " round " + round + " line <" + sb + ">", e);
            }
        }
    }

    @Test
    void framerSplitsOnCrIgnoresLfAndFlagsOverlongLines() {
        CommandFramer f = new CommandFramer(8);
        assertThat(f.feed(bytes("AT\r\nAT+MI"))).containsExactly(new CommandFramer.Line("AT", false));
        assertThat(f.feed(bytes("PLVER?\r"))).containsExactly(new CommandFramer.Line("AT+MIPLVER?".substring(0, 8), true));
        assertThat(f.feed(bytes("\nATI\r"))).containsExactly(new CommandFramer.Line("ATI", false));
        f.feed(bytes("AT+X"));
        f.reset();
        assertThat(f.feed(bytes("AT\r"))).containsExactly(new CommandFramer.Line("AT", false));
    }

    @Test
    void framerKeepsEveryByteOfRandomSplits() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int round = 0; round < 2_000; round++) {
            CommandFramer f = new CommandFramer(2048);
            byte[] data = new byte[random.nextInt(200)];
            random.nextBytes(data);
            int crs = 0;
            for (byte b : data) {
                crs += b == '\r' ? 1 : 0;
            }
            int lines = 0;
            int at = 0;
            while (at < data.length) {
                int len = 1 + random.nextInt(Math.min(16, data.length - at));
                lines += f.feed(java.util.Arrays.copyOfRange(data, at, at + len)).size();
                at += len;
            }
            assertThat(lines).as("seed %d round %d", seed, round).isEqualTo(crs);
        }
    }

    @Test
    void replyFramingFollows312() {
        var reply = new MiplInterpreter.Reply(List.of("+MIPLCREATE: 0"), "OK", () -> {});
        assertThat(new String(VirtualModule.frameReply(reply), StandardCharsets.ISO_8859_1))
                .isEqualTo("\r\n+MIPLCREATE: 0\r\n\r\nOK\r\n");
        var ati = new MiplInterpreter.Reply(List.of("a", "b"), "OK", () -> {});
        assertThat(new String(VirtualModule.frameReply(ati), StandardCharsets.ISO_8859_1)).isEqualTo("\r\na\r\nb\r\n\r\nOK\r\n");
        assertThat(VirtualModule.garble(bytes("\r\nOK\r\n"), new byte[] {(byte) 0xFF, 0}))
                .isEqualTo(new byte[] {'\r', '\n', (byte) 0xFF, 0, 'O', 'K', '\r', '\n'});
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
