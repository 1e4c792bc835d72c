package org.miplhil.yaml;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Random damage to a YAML text, for the loaders' fuzz tests: characters dropped, inserted or replaced, lines
 * duplicated, dropped, re-indented or swapped, YAML tokens (anchors, tags, flow brackets, quotes) inserted, the text
 * cut short. {@link #appendComment} keeps a valid file valid.
 */
public final class YamlMutator {

    private static final String ALPHABET = ":-[]{}'\"#&*!|>%@`\n\t ${}?,\\.0123456789abcdefxyzAT+=/_";
    private static final String[] TOKENS = {"${x}", "${msgId}", "re:(", "re:", "regex:[", "*a", "&a ", "!!int ",
            "!!binary ", "~", "null", "[]", "{}", "- ", ": ", "\n  - ", "\n    ", "${profile.errors.create.twice}",
            "${platform.", "$${", "0s", "5s", "-1", "99999999999999999999", "/3311/0/5805", "fota:", "<<: *a",
            "? ", "'", "\"", "\\u0000", "\uFFFF", "\u00e9"};

    /** Kinds of {@link #mutate}; kind {@code KINDS - 1} is left to the caller (an appended comment). */
    public static final int KINDS = 10;
    public static final int APPEND_COMMENT = 9;

    private YamlMutator() {
    }

    /** A comment line after the last line: YAML ignores it, so a valid file stays valid. */
    public static String appendComment(String text, Random r) {
        StringBuilder comment = new StringBuilder("\n#");
        for (int n = r.nextInt(20); n > 0; n--) {
            char c = ALPHABET.charAt(r.nextInt(ALPHABET.length()));
            comment.append(c == '\n' ? ' ' : c);
        }
        return text + comment;
    }

    /** One mutation of the given kind (0 .. {@link #KINDS} - 2). */
    public static String mutate(String text, Random r, int kind) {
        if (text.isEmpty()) {
            return TOKENS[r.nextInt(TOKENS.length)];
        }
        int at = r.nextInt(text.length());
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        int line = r.nextInt(lines.size());
        switch (kind) {
            case 0:
                return text.substring(0, at) + text.substring(at + 1);
            case 1:
                return text.substring(0, at) + ALPHABET.charAt(r.nextInt(ALPHABET.length())) + text.substring(at);
            case 2:
                return text.substring(0, at) + ALPHABET.charAt(r.nextInt(ALPHABET.length())) + text.substring(at + 1);
            case 3:
                lines.add(line, lines.get(r.nextInt(lines.size())));
                return String.join("\n", lines);
            case 4:
                lines.remove(line);
                return String.join("\n", lines);
            case 5:
                lines.set(line, r.nextBoolean() ? "  " + lines.get(line) : lines.get(line).replaceFirst("^  ", ""));
                return String.join("\n", lines);
            case 6:
                return text.substring(0, at) + TOKENS[r.nextInt(TOKENS.length)] + text.substring(at);
            case 7:
                return text.substring(0, at);
            default:
                int other = r.nextInt(lines.size());
                String a = lines.get(line);
                lines.set(line, lines.get(other));
                lines.set(other, a);
                return String.join("\n", lines);
        }
    }

    /** One to four mutations (never an appended comment). */
    public static String damage(String text, Random r) {
        String t = text;
        for (int k = 1 + r.nextInt(4); k > 0; k--) {
            t = mutate(t, r, r.nextInt(APPEND_COMMENT));
        }
        return t;
    }
}
