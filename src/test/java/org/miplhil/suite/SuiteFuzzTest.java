package org.miplhil.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.yaml.LoadResult;
import org.miplhil.yaml.Problem;
import org.miplhil.yaml.YamlMutator;

/** Random mutations of valid suites never throw: they give a suite or errors with positions. */
class SuiteFuzzTest {

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
                int kind = random.nextInt(YamlMutator.KINDS);
                if (kind == YamlMutator.APPEND_COMMENT) {
                    text = YamlMutator.appendComment(text, random);
                } else {
                    commentsOnly = false;
                    text = YamlMutator.mutate(text, random, kind);
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
            assertThat(result.problems()).as("seed %d, iteration %d", seed, i).isNotEmpty()
                    .anyMatch(Problem::isError);
            int lastLine = 0;
            int lastColumn = 0;
            for (Problem p : result.problems()) {
                assertThat(p.file()).as("seed %d, iteration %d: the file of %s", seed, i, p).isNotBlank();
                assertThat(p.line()).as("seed %d: line of %s", seed, p).isPositive();
                assertThat(p.column()).as("seed %d: column of %s", seed, p).isPositive();
                assertThat(p.toString()).isEqualTo(p.file() + ":" + p.line() + ":" + p.column() + ": " + p.message());
                if (p.file().equals("s.yaml")) {
                    assertThat(p.line()).as("seed %d: line of %s", seed, p).isBetween(1, lines + 1);
                    // the suite's own problems come in file order (the others', from fixture files, after them)
                    assertThat(p.line() * 1_000_000L + p.column()).as("seed %d: %s in file order", seed, p)
                            .isGreaterThanOrEqualTo(lastLine * 1_000_000L + lastColumn);
                    lastLine = p.line();
                    lastColumn = p.column();
                }
            }
        }
        // both kinds went through the parser: about one mutant in seven stays valid (one in forty has only
        // comments appended), so a thousand iterations without a valid one means a defect, not bad luck
        assertThat(valid).as("seed %d: valid mutants", seed).isPositive();
    }
}
