package org.miplhil.sim.fault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.miplhil.yaml.LoadResult;
import org.miplhil.yaml.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a fault plan:
 * <pre>
 * faults:
 *   - on: command                    # command | urc | power-on
 *     match: '^AT\+MIPLNOTIFY='      # regular expression, searched in the line (not with power-on)
 *     action: delay                  # delay | pause | reply | drop | duplicate | swap-next | garble | edit | emit
 *     value: 6s                      # delay, pause: duration; reply, emit: text (may span lines); garble: bytes;
 *                                    # edit: the field's new text; swap-next: optional longest hold (default 5s);
 *                                    # drop/duplicate: none
 *     field: 2                       # edit only: which parameter after ": " (from 1, commas in quotes kept)
 *     after: 40s                     # emit only: how long after the line (or the power-up) (default 0)
 *     reply-matches: 'ERROR'         # command only: act only when the module's final result line matches
 *     times: 1                       # optional; default every time
 *     skip: 1                        # optional; matches left untouched before the fault acts (default 0)
 *   - on: power-on                   # each power-up: only action emit, no match
 *     action: emit
 *     value: '+MIPLEVENT: 0,6'
 *     after: 30s
 * defect: a sentence                 # optional: what is wrong with such a firmware
 * detect: 'AT\+MIPLNOTIFY.*5 s'      # optional: expression a failure message must contain (mutate)
 * </pre>
 * Problems are reported as {@code file:line:column: message}; never throws on bad input. One entry is read by
 * {@link FaultReader}.
 */
public final class FaultPlanLoader {

    /** How long swap-next holds a line when the plan gives no value. */
    public static final Duration DEFAULT_SWAP_HOLD = Duration.ofSeconds(5);

    private FaultPlanLoader() {}

    public static LoadResult<FaultPlan> load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return LoadResult.invalid(file, "cannot read the fault plan: " + e.getMessage());
        }
        return parse(file.toString(), text);
    }

    public static LoadResult<FaultPlan> parse(String fileName, String text) {
        YamlDocument doc = YamlDocument.compose(fileName, text);
        if (doc.root().isEmpty()) {
            return new LoadResult.Invalid<>(doc.problems());
        }
        List<Fault> faults = new ArrayList<>();
        String[] defect = {null};
        Pattern[] detect = {null};
        doc.mapping(doc.root().get(), "the fault plan").ifPresent(top -> {
            top.required("faults").flatMap(n -> doc.sequence(n, "'faults'")).ifPresent(items -> {
                int i = 0;
                for (Node item : items) {
                    FaultReader.read(doc, item, "faults[" + i++ + "]").ifPresent(faults::add);
                }
            });
            top.optional("defect").flatMap(n -> doc.string(n, "'defect'")).ifPresent(d -> defect[0] = d.strip());
            top.optional("detect").flatMap(n -> FaultReader.pattern(doc, n, "'detect'")).ifPresent(d -> detect[0] = d);
            top.finish(List.of("faults", "defect", "detect"));
        });
        return doc.result(new FaultPlan(fileName, faults, Optional.ofNullable(defect[0]),
                Optional.ofNullable(detect[0])));
    }

    /**
     * Reads a list of faults written inside another YAML document (a suite's {@code sim-faults} step). Problems are
     * recorded in that document; the plan is returned only when the list has none.
     */
    public static Optional<FaultPlan> readFaults(YamlDocument doc, Node list, String what, String origin) {
        int before = doc.errors().size();
        List<Fault> faults = new ArrayList<>();
        doc.sequence(list, what).ifPresent(items -> {
            int i = 0;
            for (Node item : items) {
                FaultReader.read(doc, item, what + "[" + i++ + "]").ifPresent(faults::add);
            }
        });
        return doc.errors().size() == before ? Optional.of(new FaultPlan(origin, faults)) : Optional.empty();
    }

    /** Replacement text to lines: split on LF (CR dropped), blank lines dropped (the framing adds CR LF). */
    static List<String> lines(String text) {
        return Arrays.stream(text.replace("\r", "").split("\n", -1)).filter(l -> !l.isBlank()).toList();
    }

    /** Each character U+0000..U+00FF is one byte; anything above cannot be a byte. */
    static Optional<byte[]> bytes(String text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        byte[] out = new byte[text.length()];
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c > 0xFF) {
                return Optional.empty();
            }
            out[i] = (byte) c;
        }
        return Optional.of(out);
    }
}
