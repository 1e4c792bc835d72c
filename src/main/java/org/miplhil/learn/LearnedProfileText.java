package org.miplhil.learn;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The texts of a {@link LearnedProfile}: the profile file (the same format as fixtures/firmware/*.yaml; it
 * {@code extends} the current profile, so every key not learnt is the current one with its own source), and the
 * difference from the current profile as a Markdown table.
 */
public final class LearnedProfileText {

    private static final Pattern PLAIN = Pattern.compile("-?[A-Za-z0-9][A-Za-z0-9._-]*"); // -85 (dBm) plain too

    private LearnedProfileText() {
    }

    /**
     * The learnt profile. {@code base}: the current profile's name as the file's {@code extends} writes it (relative to
     * the directory the file is written to). A value the module's answer cannot give (an error probe answered OK) is
     * left out, so the current value stands, and listed in a comment.
     */
    public static String yaml(LearnedProfile learned, String base, String target, String currentName) {
        StringBuilder b = new StringBuilder();
        b.append("# Firmware profile learnt by ./mipl-hil profile learn from ").append(target).append(" (revision ")
                .append(learned.revision()).append(", ").append(learned.date()).append(").\n");
        b.append("# Every key below was observed; every other key is ").append(currentName)
                .append("'s, with its own source (extends).\n");
        b.append("# docs/profile-learn.md lists the probes and the keys a probe cannot learn.\n");
        List<LearnedProfile.Value> unwritable = learned.values().stream().filter(v -> !v.representable()).toList();
        if (!unwritable.isEmpty()) {
            b.append("#\n# Answers no value of the profile can hold (the current value stands):\n");
            unwritable.forEach(v -> b.append("#   ").append(v.key()).append(": ").append(v.answer()).append('\n'));
        }
        if (!learned.measurements().isEmpty()) {
            b.append("#\n# Measured (no key of the profile governs these):\n");
            learned.measurements().forEach(m -> b.append("#   ").append(m.describe()).append('\n'));
        }
        if (!learned.notRun().isEmpty()) {
            b.append("#\n# Not learnt (the current value stands):\n");
            learned.notRun().forEach((k, why) -> b.append("#   ").append(k).append(": ")
                    .append(why.replace("\n", " ")).append('\n'));
        }
        b.append("extends: ").append(quote(base)).append("\n");
        Map<String, StringBuilder> sections = new LinkedHashMap<>();
        for (LearnedProfile.Value v : learned.values()) {
            if (!v.representable() || v.key().startsWith("power-up[")) {
                continue; // power-up lines: a list, below
            }
            int dot = v.key().indexOf('.');
            String section = v.key().substring(0, dot);
            String key = v.key().substring(dot + 1);
            sections.computeIfAbsent(section, s -> new StringBuilder()).append("  ").append(key.contains(" ") ? quote(key) : key)
                    .append(": {value: ").append(value(v)).append(", source: ").append(quote(learned.source()))
                    .append(", note: ").append(quote(v.answer())).append("}\n");
        }
        sections.forEach((name, body) -> b.append('\n').append(name).append(":\n").append(body));
        b.append(PowerCycleProbes.yaml(learned.values(), learned.source()));
        return b.toString();
    }

    /** The difference as a Markdown table: key, current value and source, observed value (and the answer). */
    public static String markdown(LearnedProfile learned, String currentName) {
        List<LearnedProfile.Value> diff = learned.differences();
        StringBuilder b = new StringBuilder();
        b.append("Learnt ").append(learned.values().size()).append(" keys (").append(learned.source())
                .append("); ").append(diff.size()).append(diff.size() == 1 ? " differs" : " differ")
                .append(" from ").append(currentName).append(diff.isEmpty() ? ".\n" : ":\n");
        if (diff.isEmpty()) {
            return b.append(extras(learned)).toString();
        }
        b.append("\n| key | current value | current source | observed value | module's answer |\n");
        b.append("|---|---|---|---|---|\n");
        for (LearnedProfile.Value v : diff) {
            b.append("| ").append(cell(v.key())).append(" | ").append(cell(v.current())).append(" | ")
                    .append(cell(v.currentSource())).append(" | ")
                    .append(v.representable() ? cell(v.value()) : "(none: not a value of this key)").append(" | ")
                    .append(cell(v.answer())).append(" |\n");
        }
        return b.append(extras(learned)).toString();
    }

    /** The measurements no key governs, and the keys not learnt with why. */
    private static String extras(LearnedProfile learned) {
        StringBuilder b = new StringBuilder();
        if (!learned.measurements().isEmpty()) {
            b.append("\nMeasured (no profile key governs these):\n\n");
            learned.measurements().forEach(m -> b.append("- ").append(m.describe()).append('\n'));
        }
        if (!learned.notRun().isEmpty()) {
            b.append("\nNot learnt (").append(learned.notRun().size()).append(" keys; the current value stands):\n\n");
            learned.notRun().forEach((k, why) -> b.append("- ").append(k).append(": ").append(why.replace("\n", " "))
                    .append('\n'));
        }
        return b.toString();
    }

    /**
     * {@code extends} of a profile written at {@code out} that is based on {@code current}: relative when both lie in
     * one project (the working directory), so the pair can move together; else absolute.
     */
    public static String relativeBase(Path out, Path current) {
        Path dir = out.toAbsolutePath().normalize().getParent();
        Path cur = current.toAbsolutePath().normalize();
        Path here = Path.of("").toAbsolutePath().normalize();
        if (!dir.startsWith(here) || !cur.startsWith(here)) {
            return cur.toString();
        }
        try {
            return dir.relativize(cur).toString().replace('\\', '/');
        } catch (IllegalArgumentException e) {
            return cur.toString();
        }
    }

    private static String value(LearnedProfile.Value v) {
        return switch (v.type()) {
            case INTEGER, BOOLEAN, DURATION -> PLAIN.matcher(v.value()).matches() ? v.value() : quote(v.value());
            case TEXT -> quote(v.value());
        };
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String cell(String s) {
        return s.isEmpty() ? "" : s.replace("|", "\\|");
    }
}
