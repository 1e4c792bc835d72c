package org.miplhil.at;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every command, response and URC line of chapters 3, 5 and 7 parses and formats back to the same text. */
class NoteLinesTest {

    @TestFactory
    Stream<DynamicTest> everyNoteLineRoundTrips() {
        return NoteLines.all().stream().map(e -> DynamicTest.dynamicTest(e.toString(), () -> check(e)));
    }

    private static void check(NoteLines.Entry e) {
        String text = e.canonical();
        switch (e.kind()) {
            case CMD -> {
                ParsedCommand pc = AtCommandLine.parse(text).orElseThrow();
                assertThat(pc.format()).isEqualTo(text);
                if (MiplCommandName.of(pc.name()).isPresent()) {
                    Parsed<MiplCommand> cmd = MiplCommands.parse(pc);
                    assertThat(cmd).as("parse of %s", text).isInstanceOf(Parsed.Ok.class);
                    assertThat(cmd.orElseThrow().format()).isEqualTo(text);
                    assertThat(cmd.orElseThrow().violations()).as("violations of %s", text).isEmpty();
                    assertThat(MiplCommands.parseAndValidate(text).isOk()).isTrue();
                }
            }
            case INFO -> {
                AtLine line = LineClassifier.classify(RawLine.of(text), e.canonicalPending());
                assertThat(line).as("%s while %s is pending", text, e.canonicalPending())
                        .isInstanceOf(AtLine.Information.class);
                if (text.startsWith("+MIPL")) {
                    MiplResponse r = MiplResponses.parse(text).orElseThrow();
                    assertThat(r.format()).isEqualTo(text);
                }
            }
            case FINAL -> {
                AtLine line = LineClassifier.classify(RawLine.of(text), e.canonicalPending());
                assertThat(line).isInstanceOf(AtLine.FinalResult.class);
                AtLine.FinalResult fin = (AtLine.FinalResult) line;
                if (fin.kind() == AtLine.FinalResult.Kind.CIS_ERROR) {
                    assertThat(fin.cisError()).isPresent();
                    assertThat(fin.cisError().get().line()).isEqualTo(text);
                }
            }
            case URC -> {
                AtLine alone = LineClassifier.classify(RawLine.of(text), null);
                assertThat(alone).isInstanceOf(AtLine.Urc.class);
                assertThat(((AtLine.Urc) alone).kind()).isNotEqualTo(UrcKind.UNKNOWN);
                AtLine amid = LineClassifier.classify(RawLine.of(text), "AT+MIPLNOTIFY=0,1,3303,0,5700,4,4,1.5,0,0");
                assertThat(amid).as("a URC between a command and its result").isInstanceOf(AtLine.Urc.class);
                MiplUrc urc = MiplUrcs.parse(text).orElseThrow();
                assertThat(urc.format()).isEqualTo(text);
                assertThat(urc.violations()).as("violations of %s", text).isEmpty();
                assertThat(((AtLine.Urc) alone).parse().orElseThrow()).isEqualTo(urc);
            }
        }
    }

    @Test
    void slipsAreMappedAndStrictParsersRejectThem() {
        assertThat(MiplNames.canonicalLine("+MIPLOBSEVER: 0,91530,1,3311,0,-1")).isEqualTo("+MIPLOBSERVE: 0,91530,1,3311,0,-1");
        assertThat(MiplNames.canonicalLine("AT+MIPLOBSEVERSP=0,91530,1")).isEqualTo("AT+MIPLOBSERVERSP=0,91530,1");
        assertThat(MiplNames.canonicalLine("AT+MIPLDISCOVERERRSP=?")).isEqualTo("AT+MIPLDISCOVERRSP=?");
        assertThat(MiplNames.canonicalLine("AT+MIPLPARAMETERESP=0,1,2")).isEqualTo("AT+MIPLPARAMETERRSP=0,1,2");
        assertThat(MiplNames.canonicalLine("+MIPREAD: 0,1,3311,0,0")).isEqualTo("+MIPLREAD: 0,1,3311,0,0");
        assertThat(MiplNames.canonicalLine("AT+QSCCLK=0")).isEqualTo("AT+QSCLK=0");
        assertThat(MiplNames.canonical("MIPLOBSEIVE")).isEqualTo("MIPLOBSERVE");
        assertThat(MiplNames.canonical("+MIPLOBERVE")).isEqualTo("+MIPLOBSERVE");
        assertThat(MiplNames.canonical("MIPLREAD")).isEqualTo("MIPLREAD");

        Parsed<MiplUrc> slip = MiplUrcs.parse("+MIPLOBSEVER: 0,91530,1,3311,0,-1");
        assertThat(slip).isInstanceOf(Parsed.Invalid.class);
        assertThat(((Parsed.Invalid<MiplUrc>) slip).reason()).contains("+MIPLOBSERVE");
        assertThat(MiplCommands.parse("AT+MIPLOBSEVERSP=0,91530,1")).isInstanceOf(Parsed.Invalid.class);
    }

    /**
     * The transcripts as a module would send them (echo on, CR-LF around each response), cut into
     * random chunks, framed and classified with the pending command tracked: every line comes out
     * as the kind the note shows.
     */
    @Test
    void transcriptsFrameAndClassifyAsThe_noteShows() {
        for (String file : NoteLines.FILES) {
            List<NoteLines.Entry> entries = NoteLines.load(file);
            StringBuilder wire = new StringBuilder();
            List<String> expected = new ArrayList<>();
            for (NoteLines.Entry e : entries) {
                if (e.kind() == NoteLines.Kind.CMD) {
                    wire.append(e.canonical()).append("\r");
                    expected.add("Echo " + e.canonical());
                } else {
                    wire.append("\r\n").append(e.canonical()).append("\r\n");
                    String k = switch (e.kind()) {
                        case INFO -> "Information";
                        case FINAL -> "FinalResult";
                        default -> "Urc";
                    };
                    expected.add(k + " " + e.canonical());
                }
            }
            byte[] bytes = wire.toString().getBytes(StandardCharsets.UTF_8);
            long seed = new Random().nextLong();
            Random rnd = new Random(seed);
            for (int round = 0; round < 50; round++) {
                LineFramer framer = LineFramer.forResponses();
                List<String> got = new ArrayList<>();
                String pending = null;
                int i = 0;
                while (i < bytes.length) {
                    int n = Math.min(bytes.length - i, 1 + rnd.nextInt(40));
                    byte[] chunk = java.util.Arrays.copyOfRange(bytes, i, i + n);
                    i += n;
                    for (RawLine raw : framer.feed(chunk, i, Instant.EPOCH)) {
                        if (pending == null && raw.text().startsWith("AT")) {
                            pending = raw.text(); // the MCU knows what it sent
                        }
                        AtLine line = LineClassifier.classify(raw, pending);
                        got.add(line.getClass().getSimpleName() + " " + raw.text());
                        if (line instanceof AtLine.FinalResult) {
                            pending = null;
                        }
                    }
                }
                assertThat(framer.flush()).isEmpty();
                assertThat(got).as("%s, seed %d, round %d", file, seed, round).containsExactlyElementsOf(expected);
            }
        }
    }
}
