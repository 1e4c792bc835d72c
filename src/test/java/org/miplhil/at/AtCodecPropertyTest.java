package org.miplhil.at;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random inputs: nothing that reads bytes or text throws, whatever it is fed, and framing
 * does not depend on how the stream is cut into chunks. A failure names the seed; rerun with
 * {@code -Dat.seed=<seed>} to reproduce it.
 */
class AtCodecPropertyTest {

    private static final int ITERATIONS = 10_000;

    private static long seed() {
        String s = System.getProperty("at.seed");
        return s != null ? Long.parseLong(s) : new Random().nextLong();
    }

    /** Bytes biased toward what the parsers look at: AT, +MIPL names, digits, commas, quotes, CR/LF. */
    private static byte[] randomBytes(Random rnd) {
        String[] tokens = {"AT", "at", "+", "MIPL", "READ", "NOTIFY", "EVENT", ":", " ", ",", "\"", "=", "?", "-",
                "0", "1", "26", "255", "65535", "4294967296", "3311", "1.88", "%", "OK", "ERROR", "+CIS ERROR: ",
                "+QIND: \"FOTA\",\"UPDATING\",", "\r", "\n", "\r\n", "\b", "RDY", "+IP: ", "温"};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int n = rnd.nextInt(60);
        for (int i = 0; i < n; i++) {
            if (rnd.nextInt(4) == 0) {
                out.write(rnd.nextInt(256));
            } else {
                byte[] t = tokens[rnd.nextInt(tokens.length)].getBytes(StandardCharsets.UTF_8);
                out.write(t, 0, t.length);
            }
        }
        return out.toByteArray();
    }

    private static String randomText(Random rnd) {
        return new String(randomBytes(rnd), StandardCharsets.UTF_8);
    }

    /** Everything that takes text, on one line: must not throw, and Ok results must re-parse to themselves. */
    private static void exerciseAllParsers(String text, String pending) {
        LineClassifier.classify(RawLine.of(text), pending);
        LineClassifier.classify(RawLine.of(text), null);
        Parsed<ParsedCommand> line = AtCommandLine.parse(text);
        Parsed<CommandHead> head = AtCommandLine.head(text);
        if (line instanceof Parsed.Ok<ParsedCommand> ok) {
            assertThat(head.orElseThrow()).as("head of %s", text).isEqualTo(ok.value().head());
        } else {
            assertThat(head.isOk()).as("head of %s", text).isEqualTo(((Parsed.Invalid<ParsedCommand>) line).paramIndex() >= 0);
        }
        Parsed<MiplCommand> cmd = MiplCommands.parse(text);
        if (cmd instanceof Parsed.Ok<MiplCommand> ok) {
            ok.value().violations();
            ok.value().violations(ValueRules.NOTE.withFloatLens(4, 8));
            ok.value().validate();
            assertThat(MiplCommands.parse(ok.value().format()).orElseThrow()).as("re-parse of %s", text).isEqualTo(ok.value());
        }
        Parsed<MiplUrc> urc = MiplUrcs.parse(text);
        if (urc instanceof Parsed.Ok<MiplUrc> ok) {
            ok.value().violations();
            assertThat(MiplUrcs.parse(ok.value().format()).orElseThrow()).as("re-parse of %s", text).isEqualTo(ok.value());
        }
        Parsed<MiplResponse> rsp = MiplResponses.parse(text);
        if (rsp instanceof Parsed.Ok<MiplResponse> ok) {
            assertThat(MiplResponses.parse(ok.value().format()).orElseThrow()).as("re-parse of %s", text).isEqualTo(ok.value());
        }
        MiplNames.canonicalLine(text);
    }

    @Test
    void randomBytesThroughTheFramerAndEveryParserNeverThrow() {
        long seed = seed();
        Random rnd = new Random(seed);
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] bytes = randomBytes(rnd);
            try {
                LineFramer framer = rnd.nextBoolean() ? LineFramer.forResponses()
                        : new LineFramer(rnd.nextBoolean() ? LineFramer.Mode.COMMAND : LineFramer.Mode.RESPONSE,
                                1 + rnd.nextInt(40));
                List<RawLine> lines = new ArrayList<>();
                int at = 0;
                while (at < bytes.length) {
                    int n = Math.min(bytes.length - at, 1 + rnd.nextInt(16));
                    lines.addAll(framer.feed(bytes, at, n, at, Instant.EPOCH));
                    framer.peek();
                    at += n;
                }
                framer.flush().ifPresent(lines::add);
                String pending = rnd.nextBoolean() ? null : randomText(rnd);
                for (RawLine l : lines) {
                    assertThat(l.text()).isNotEmpty().doesNotContain("\r", "\n");
                    assertThat(l.noise()).isEqualTo(!l.noiseReason().isEmpty());
                    exerciseAllParsers(l.text(), pending);
                    LineClassifier.classify(l, pending);
                }
                exerciseAllParsers(new String(bytes, StandardCharsets.ISO_8859_1), pending);
            } catch (Throwable t) {
                fail("seed " + seed + ", iteration " + i + ", input " + Arrays.toString(bytes), t);
            }
        }
    }

    /** Note lines with random edits (deleted, doubled, replaced characters): parsers report, never throw. */
    @Test
    void mutatedNoteLinesNeverThrowAndOkResultsReparse() {
        List<String> lines = NoteLines.all().stream().map(NoteLines.Entry::canonical).toList();
        long seed = seed();
        Random rnd = new Random(seed);
        String alphabet = "0123456789,\"=?:+- %;.ATOKERabcx\t";
        for (int i = 0; i < ITERATIONS; i++) {
            StringBuilder sb = new StringBuilder(lines.get(rnd.nextInt(lines.size())));
            int edits = 1 + rnd.nextInt(3);
            for (int e = 0; e < edits && sb.length() > 0; e++) {
                int pos = rnd.nextInt(sb.length());
                switch (rnd.nextInt(3)) {
                    case 0 -> sb.deleteCharAt(pos);
                    case 1 -> sb.insert(pos, alphabet.charAt(rnd.nextInt(alphabet.length())));
                    default -> sb.setCharAt(pos, alphabet.charAt(rnd.nextInt(alphabet.length())));
                }
            }
            String text = sb.toString();
            try {
                exerciseAllParsers(text, rnd.nextBoolean() ? null : "AT+MIPLNOTIFY=0,1,3303,0,5700,4,4,1.5,0,0");
            } catch (Throwable t) {
                fail("seed " + seed + ", iteration " + i + ", input \"" + text + "\"", t);
            }
        }
    }

    /** A stream mixing echo, information, URCs between a command and its result, quoted commas and noise. */
    private static byte[] mixedStream(Random rnd) {
        String[] eol = {"\r\n", "\r", "\n"};
        String[] urcs = {"+MIPLEVENT: 0,26,255", "+MIPLREAD: 0,3123,3311,0,5805",
                "+MIPLPARAMETER: 0,56642,3303,0,5700,38,\"pmin=2;pmax=190;gt=100.0;lt=1.0;st=0.2\"",
                "+MIPLWRITE: 0,46584,3311,0,5851,2,8,00000002DFDC1C3E,0,0", "+QIND: \"FOTA\",\"UPDATING\",3%,1,1", "RDY"};
        String[][] commands = {
                {"AT+MIPLCREATE", "+MIPLCREATE: 0"},
                {"AT+MIPLDISCOVERRSP=0,26384,1,19,\"5850;5851;5706;5805\""},
                {"AT+MIPLNOTIFY=0,653687,3303,0,5701,1,7,\"C,e,l,\",2,0"},
                {"ATI", "Quectel_Ltd", "Quectel_BC260Y-CN", "Revision: BC260YCNAAR01A03"},
                {"AT+CFUN?", "+CFUN: 1"}};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int n = 1 + rnd.nextInt(12);
        for (int i = 0; i < n; i++) {
            String[] c = commands[rnd.nextInt(commands.length)];
            write(out, c[0] + "\r");
            for (int k = 1; k < c.length; k++) {
                write(out, "\r\n" + c[k] + eol[rnd.nextInt(3)]);
                if (rnd.nextInt(3) == 0) {
                    write(out, "\r\n" + urcs[rnd.nextInt(urcs.length)] + "\r\n");
                }
            }
            if (rnd.nextInt(4) == 0) {
                out.write(0);
                write(out, "garbage\u00ff\r\n");
            }
            write(out, "\r\n" + (rnd.nextBoolean() ? "OK" : "+CIS ERROR: 652") + eol[rnd.nextInt(3)]);
            if (rnd.nextBoolean()) {
                write(out, "\r\n" + urcs[rnd.nextInt(urcs.length)] + "\r\n");
            }
        }
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
    }

    private static List<String> frame(byte[] bytes, int[] cuts) {
        return frame(LineFramer.forResponses(), bytes, cuts);
    }

    private static List<String> frame(LineFramer framer, byte[] bytes, int[] cuts) {
        List<String> out = new ArrayList<>();
        int prev = 0;
        for (int cut : cuts) {
            framer.feed(Arrays.copyOfRange(bytes, prev, cut), cut, Instant.EPOCH)
                    .forEach(l -> out.add((l.noise() ? "NOISE " : "") + l.text()));
            prev = cut;
        }
        framer.feed(Arrays.copyOfRange(bytes, prev, bytes.length), bytes.length, Instant.EPOCH)
                .forEach(l -> out.add((l.noise() ? "NOISE " : "") + l.text()));
        framer.flush().ifPresent(l -> out.add("PARTIAL " + l.text()));
        return out;
    }

    @Test
    void anySplitOfAStreamYieldsTheSameLines() {
        long seed = seed();
        Random rnd = new Random(seed);
        for (int i = 0; i < 2_000; i++) {
            byte[] stream = mixedStream(rnd);
            List<String> whole = frame(stream, new int[0]);
            int[] cuts = rnd.ints(rnd.nextInt(Math.max(1, stream.length / 2)), 0, stream.length + 1).sorted().toArray();
            int[] everyByte = java.util.stream.IntStream.range(1, stream.length).toArray();
            try {
                assertThat(whole).doesNotContain("").noneMatch(s -> s.startsWith("PARTIAL"));
                assertThat(frame(stream, cuts)).isEqualTo(whole);
                assertThat(frame(stream, everyByte)).isEqualTo(whole);
            } catch (Throwable t) {
                fail("seed " + seed + ", iteration " + i + ", cuts " + Arrays.toString(cuts), t);
            }
        }
    }

    @Test
    void lineTimesComeFromTheChunksHoldingTheFirstAndLastBytes() {
        long seed = seed();
        Random rnd = new Random(seed);
        for (int i = 0; i < 1_000; i++) {
            byte[] stream = mixedStream(rnd);
            LineFramer framer = LineFramer.forResponses();
            int at = 0;
            try {
                while (at < stream.length) {
                    int n = Math.min(stream.length - at, 1 + rnd.nextInt(20));
                    // the "nanoTime" of a chunk is the index of its first byte, so times are checkable
                    for (RawLine l : framer.feed(stream, at, n, at, Instant.EPOCH)) {
                        assertThat(l.firstByteNanos()).isLessThanOrEqualTo(l.lastByteNanos());
                        assertThat(l.lastByteNanos()).isEqualTo(at);
                    }
                    at += n;
                }
            } catch (Throwable t) {
                fail("seed " + seed + ", iteration " + i, t);
            }
        }
    }

    /** Command lines as a terminal or an MCU sends them: CR, CR LF or LF, typing mistakes fixed with backspace. */
    @Test
    void anySplitOfCommandInputYieldsTheSameCommandLines() {
        long seed = seed();
        Random rnd = new Random(seed);
        String[] commands = {"AT+MIPLCREATE", "AT+MIPLNOTIFY=0,653687,3303,0,5701,1,3,\"C,l\",2,0", "ATI", "at+miplver?",
                "AT+MIPLADDOBJ=0,3311,1,\"1\",4,2", "AT+MIPLCONFIG=?"};
        String[] eol = {"\r", "\r\n", "\n"};
        for (int i = 0; i < 2_000; i++) {
            StringBuilder sb = new StringBuilder();
            List<String> expected = new ArrayList<>();
            int n = 1 + rnd.nextInt(8);
            for (int k = 0; k < n; k++) {
                String c = commands[rnd.nextInt(commands.length)];
                int typo = rnd.nextInt(c.length() + 1);
                sb.append(c, 0, typo);
                if (rnd.nextBoolean()) {
                    sb.append("xy").append(rnd.nextBoolean() ? "\b\b" : "\u007f\u007f");
                }
                sb.append(c.substring(typo)).append(eol[rnd.nextInt(3)]);
                expected.add(c);
            }
            byte[] stream = sb.toString().getBytes(StandardCharsets.UTF_8);
            int[] cuts = rnd.ints(rnd.nextInt(Math.max(1, stream.length / 2)), 0, stream.length + 1).sorted().toArray();
            try {
                assertThat(frame(LineFramer.forCommands(), stream, new int[0])).isEqualTo(expected);
                assertThat(frame(LineFramer.forCommands(), stream, cuts)).isEqualTo(expected);
            } catch (Throwable t) {
                fail("seed " + seed + ", iteration " + i + ", input " + sb.toString().replace("\r", "<CR>").replace("\n", "<LF>")
                        + ", cuts " + Arrays.toString(cuts), t);
            }
        }
    }
}
