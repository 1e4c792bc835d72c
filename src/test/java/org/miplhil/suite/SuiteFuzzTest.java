package org.miplhil.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.yaml.LoadResult;

/** Random mutations of valid suites never throw: they give a suite or errors with positions. */
class SuiteFuzzTest {

    private static final Pattern ERROR = Pattern.compile("(?s)[^\\n]+?:(\\d+):(\\d+): \\S.*");
    private static final String ALPHABET = ":-[]{}'\"#&*!|>%@`\n\t ${}?,\\.0123456789abcdefxyzAT+=/_";
    private static final String[] TOKENS = {"${x}", "${msgId}", "re:(", "re:", "regex:[", "*a", "&a ", "!!int ",
            "!!binary ", "~", "null", "[]", "{}", "- ", ": ", "\n  - ", "\n    ", "${profile.errors.create.twice}",
            "${platform.", "$${", "0s", "5s", "-1", "99999999999999999999", "/3311/0/5805", "fota:", "<<: *a",
            "? ", "'", "\"", "\\u0000", "\uFFFF", "\u00e9"};

    @TempDir
    Path tmp;

    @Test
    void mutatedSuitesNeverThrow() throws IOException {
        SuiteFixture fx = new SuiteFixture(tmp);
        List<String> seeds = new ArrayList<>();
        seeds.add(Files.readString(Path.of("suites/examples/light-control.yaml")));
        seeds.add(Files.readString(Path.of("suites/examples/virtual-module.yaml")));
        // the examples name their schema ../schema/suite.schema.json: give it the same place beside s.yaml
        fx.write("schema/suite.schema.json", Files.readString(Path.of("suites/schema/suite.schema.json")));
        seeds.forEach(fx::valid); // the mutants start from valid suites
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        Random random = new Random(seed);
        int valid = 0;
        for (int i = 0; i < 1000; i++) {
            String original = seeds.get(random.nextInt(seeds.size()));
            String text = original;
            int mutations = 1 + random.nextInt(4);
            boolean commentsOnly = true;
            for (int k = 0; k < mutations; k++) {
                int kind = random.nextInt(MUTATION_KINDS);
                if (kind == APPEND_COMMENT) {
                    text = appendComment(text, random);
                } else {
                    commentsOnly = false;
                    text = mutate(text, random, kind);
                }
            }
            LoadResult<Suite> result;
            try {
                result = fx.parse(text);
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError("seed " + seed + ", iteration " + i + ": parsing threw on:\n" + text, e);
            }
            int lines = text.split("\n", -1).length;
            if (commentsOnly) {
                assertThat(result.errors()).as("seed %d, iteration %d: comments appended to a valid suite:\n%s",
                        seed, i, text).isEmpty();
            }
            if (result.isOk()) {
                valid++;
                assertThat(result.errors()).isEmpty();
                continue;
            }
            assertThat(result.errors()).as("seed %d, iteration %d", seed, i).isNotEmpty();
            for (String e : result.errors()) {
                var m = ERROR.matcher(e);
                assertThat(m.matches()).as("seed %d, iteration %d: '%s' is file:line:column: message", seed, i, e)
                        .isTrue();
                if (e.startsWith("s.yaml:")) {
                    assertThat(Integer.parseInt(m.group(1))).as("seed %d: line of %s", seed, e).isBetween(1, lines + 1);
                    assertThat(Integer.parseInt(m.group(2))).as("seed %d: column of %s", seed, e).isPositive();
                }
            }
        }
        // both kinds went through the parser: about one mutant in seven stays valid (one in forty has only
        // comments appended), so a thousand iterations without a valid one means a defect, not bad luck
        assertThat(valid).as("seed %d: valid mutants", seed).isPositive();
    }

    private static final int MUTATION_KINDS = 10;
    private static final int APPEND_COMMENT = 9;

    /** A comment line after the last line: YAML ignores it, so a valid suite stays valid. */
    private static String appendComment(String text, Random r) {
        StringBuilder comment = new StringBuilder("\n#");
        for (int n = r.nextInt(20); n > 0; n--) {
            char c = ALPHABET.charAt(r.nextInt(ALPHABET.length()));
            comment.append(c == '\n' ? ' ' : c);
        }
        return text + comment;
    }

    private static String mutate(String text, Random r, int kind) {
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
}
