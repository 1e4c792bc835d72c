package org.miplhil.mutate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.miplhil.sim.fault.Fault;

/**
 * Which cases of the clean run a mutant can act on, and in which order to run them. Pure: it reads the clean run's
 * transcripts, nothing else.
 *
 * <p>A case is impacted when a line of its transcript in the mutant's direction ({@link Fault.On#COMMAND}: a line
 * the harness sent; {@link Fault.On#URC}: a line the module sent) contains a match of the mutant's trigger and, when
 * the mutant has a reply trigger, the final result the clean module gave to that command contains a match of it
 * (accept-refused acts only on refused commands). No impacted case: the mutant is not covered.
 */
public final class ImpactAnalysis {

    // 3.2 / chapter 4: the final results of a command
    private static final Pattern FINAL = Pattern.compile("^(OK|ERROR|\\+CIS ERROR: ?\\d+|\\+CME ERROR: ?.+)$");

    private ImpactAnalysis() {
    }

    /** Whether the case's transcript has a line the mutant's trigger (and reply trigger) fits. */
    public static boolean impacts(Mutant m, CaseTranscript c) {
        List<CaseTranscript.Line> lines = c.lines();
        boolean command = m.on() == Fault.On.COMMAND;
        for (int i = 0; i < lines.size(); i++) {
            CaseTranscript.Line l = lines.get(i);
            if (l.sent() != command || !m.trigger().matcher(l.text()).find()) {
                continue;
            }
            if (!command && answersPending(lines, i)) {
                continue; // an information line of a reply, not a URC: a URC fault never acts on it
            }
            if (m.replyTrigger().isEmpty()) {
                return true;
            }
            Optional<String> result = command ? finalResult(lines, i) : Optional.empty();
            if (result.isPresent() && m.replyTrigger().get().matcher(result.get()).find()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the received line at {@code index} is an information line of the command waiting for its final result:
     * its prefix is the command's name ({@code +CEREG: 0,1} after {@code AT+CEREG?}). A URC with the same prefix
     * printed meanwhile would count too; the module's fault engine, which knows, acts on URCs only.
     */
    static boolean answersPending(List<CaseTranscript.Line> lines, int index) {
        String text = lines.get(index).text();
        int colon = text.indexOf(':');
        if (colon <= 0) {
            return false;
        }
        String prefix = text.substring(0, colon);
        for (int j = index - 1; j >= 0; j--) {
            CaseTranscript.Line l = lines.get(j);
            if (l.sent()) {
                String sent = l.text().strip().toUpperCase(java.util.Locale.ROOT);
                return sent.startsWith("AT" + prefix.toUpperCase(java.util.Locale.ROOT));
            }
            if (FINAL.matcher(l.text().strip()).matches()) {
                return false;
            }
        }
        return false;
    }

    /** The first final result the module sent after the command at {@code index}, before the next command. */
    static Optional<String> finalResult(List<CaseTranscript.Line> lines, int index) {
        for (int j = index + 1; j < lines.size(); j++) {
            CaseTranscript.Line l = lines.get(j);
            if (l.sent()) {
                return Optional.empty();
            }
            if (FINAL.matcher(l.text().strip()).matches()) {
                return Optional.of(l.text().strip());
            }
        }
        return Optional.empty();
    }

    /**
     * The impacted cases, the likeliest killers first: most mutants killed so far ({@code kills}, by title), then the
     * shortest on the clean module, then the catalogue's order.
     */
    public static List<CaseTranscript> impacted(Mutant m, List<CaseTranscript> clean, Map<String, Integer> kills) {
        List<CaseTranscript> hit = new ArrayList<>();
        for (CaseTranscript c : clean) {
            if (impacts(m, c)) {
                hit.add(c);
            }
        }
        // a stable sort: ties keep the catalogue's order
        hit.sort(Comparator.<CaseTranscript>comparingInt(c -> -kills.getOrDefault(c.title(), 0))
                .thenComparing(CaseTranscript::took));
        return hit;
    }

    /**
     * A control's cases: at most {@code k} of its impacted cases ({@code k} 0: all), chosen for diversity: the
     * shortest case of each suite first (suites by their shortest case), then the shortest of the rest. A control
     * must pass everywhere it runs; running it on 112 cases that all await the same URC tells no more than a few
     * cases of different suites (other setups, other steps around the same line) and costs a minute and a half.
     */
    public static List<CaseTranscript> forControl(List<CaseTranscript> impacted, int k) {
        if (k <= 0 || impacted.size() <= k) {
            return impacted;
        }
        List<CaseTranscript> byLength = new ArrayList<>(impacted);
        byLength.sort(Comparator.comparing(CaseTranscript::took)); // stable: ties keep the given order
        Set<CaseTranscript> chosen = new LinkedHashSet<>();
        Set<String> suites = new LinkedHashSet<>();
        for (CaseTranscript c : byLength) {
            if (chosen.size() < k && suites.add(c.suite())) {
                chosen.add(c);
            }
        }
        for (CaseTranscript c : byLength) {
            if (chosen.size() >= k) {
                break;
            }
            chosen.add(c);
        }
        return List.copyOf(chosen);
    }
}
