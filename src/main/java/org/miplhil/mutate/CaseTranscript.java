package org.miplhil.mutate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A case of the clean run as impact analysis sees it: where it is, how long it took on the clean module, and the
 * lines of its UART transcript.
 *
 * @param suite    the suite's name
 * @param caseName the case's name
 * @param lines    the transcript's lines, in order
 * @param took     the case's duration on the clean module (the shorter runs first among equally good killers)
 */
public record CaseTranscript(String suite, String caseName, List<Line> lines, Duration took) {

    /** One line of a transcript: sent by the harness ({@code TX}) or by the module ({@code RX}, {@code RX!}). */
    public record Line(boolean sent, String text) {
        public Line {
            Objects.requireNonNull(text, "text");
        }
    }

    // Transcripts.format: wall time, ms since the session started, direction, the line
    private static final Pattern LINE = Pattern.compile("^\\S+ [+-]\\d+\\.\\d+ (TX|RX!?) (.*)$");
    private static final Pattern NOISE = Pattern.compile("^\\([^)]*\\) (.*)$");

    public CaseTranscript {
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(caseName, "caseName");
        lines = List.copyOf(lines);
        Objects.requireNonNull(took, "took");
    }

    /** {@code suite / case}, as the reports name cases. */
    public String title() {
        return suite + " / " + caseName;
    }

    /**
     * The lines of a transcript in {@code Transcripts.format}'s form; lines of another form (a network summary
     * around it) are left out. A noise line ({@code RX! (reason) bytes}) counts as received with its bytes.
     */
    public static List<Line> parse(String transcript) {
        List<Line> out = new ArrayList<>();
        for (String raw : transcript.split("\n")) {
            Matcher m = LINE.matcher(raw.stripTrailing());
            if (!m.matches()) {
                continue;
            }
            String text = m.group(2);
            if (m.group(1).equals("RX!")) {
                Matcher n = NOISE.matcher(text);
                text = n.matches() ? n.group(1) : text;
            }
            out.add(new Line(m.group(1).equals("TX"), text));
        }
        return out;
    }
}
