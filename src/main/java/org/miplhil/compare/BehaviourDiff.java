package org.miplhil.compare;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.miplhil.compare.Comparison.Behaviour;
import org.miplhil.compare.Comparison.BehaviourKind;

/**
 * The module's lines of one case in two runs, compared after {@link TranscriptNormaliser}: another error code (the
 * error lines differ), a line only in one run, other values (a line with the same head, {@code +MIPLEVENT} or
 * {@code +MIPLCONFIG}, but another text), another order of the lines with one head (the same lines). Order across
 * heads is left alone: URCs of independent requests interleave differently from run to run.
 */
final class BehaviourDiff {

    private BehaviourDiff() {
    }

    static List<Behaviour> of(String key, CaseRecord b, List<String> baseTranscript, CaseRecord c,
                              List<String> candTranscript) {
        List<Behaviour> out = new ArrayList<>();
        if (baseTranscript.isEmpty() || candTranscript.isEmpty()) {
            return out;
        }
        List<String> base = TranscriptNormaliser.moduleLines(baseTranscript);
        List<String> cand = TranscriptNormaliser.moduleLines(candTranscript);
        List<String> baseErrors = base.stream().filter(TranscriptNormaliser::isError).toList();
        List<String> candErrors = cand.stream().filter(TranscriptNormaliser::isError).toList();
        if (!baseErrors.equals(candErrors)) {
            out.add(new Behaviour(key, BehaviourKind.ERROR_CODE, "error lines", baseErrors, candErrors,
                    b.transcript(), c.transcript()));
        }
        Map<String, List<String>> baseByHead = byHead(base);
        Map<String, List<String>> candByHead = byHead(cand);
        Set<String> heads = new LinkedHashSet<>(baseByHead.keySet());
        heads.addAll(candByHead.keySet());
        for (String head : heads) {
            List<String> bl = baseByHead.getOrDefault(head, List.of());
            List<String> cl = candByHead.getOrDefault(head, List.of());
            if (bl.equals(cl)) {
                continue;
            }
            List<String> onlyB = minus(bl, cl);
            List<String> onlyC = minus(cl, bl);
            List<String> commonB = minus(bl, onlyB);
            List<String> commonC = minus(cl, onlyC);
            if (!commonB.equals(commonC)) {
                out.add(new Behaviour(key, BehaviourKind.URC_ORDER, head, commonB, commonC, b.transcript(),
                        c.transcript()));
            }
            if (onlyB.isEmpty() && onlyC.isEmpty()) {
                continue;
            }
            BehaviourKind kind = onlyB.isEmpty() ? BehaviourKind.ONLY_IN_CANDIDATE
                    : onlyC.isEmpty() ? BehaviourKind.ONLY_IN_BASELINE : BehaviourKind.VALUES;
            out.add(new Behaviour(key, kind, head, onlyB, onlyC, b.transcript(), c.transcript()));
        }
        return out;
    }

    /** The {@code +} lines (not errors) by head, in order. */
    private static Map<String, List<String>> byHead(List<String> lines) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String l : lines) {
            String head = TranscriptNormaliser.head(l);
            if (!head.isEmpty() && !TranscriptNormaliser.isError(l)) {
                out.computeIfAbsent(head, k -> new ArrayList<>()).add(l);
            }
        }
        return out;
    }

    /** a without b, as multisets, in a's order. */
    private static List<String> minus(List<String> a, List<String> b) {
        Map<String, Integer> counts = new HashMap<>();
        b.forEach(x -> counts.merge(x, 1, Integer::sum));
        List<String> out = new ArrayList<>();
        for (String x : a) {
            if (counts.getOrDefault(x, 0) > 0) {
                counts.merge(x, -1, Integer::sum);
            } else {
                out.add(x);
            }
        }
        return out;
    }
}
