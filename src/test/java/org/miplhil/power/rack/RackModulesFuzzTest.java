package org.miplhil.power.rack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.miplhil.yaml.LoadResult;
import org.miplhil.yaml.Problem;
import org.miplhil.yaml.YamlMutator;

/**
 * Damaged copies of the racks of several modules (the layering of defaults, shared boards, the clash checks) never
 * make the loader throw; every problem has a position inside the text, and each appears once.
 */
class RackModulesFuzzTest {

    private static final int ITERATIONS = 600;

    private final long seed = Long.getLong("fuzz.seed", System.nanoTime());

    @Test
    void damagedRacksOfSeveralModulesNeverThrow() throws IOException {
        Path racks = Path.of("fixtures/racks").toAbsolutePath();
        List<String> seeds = List.of(Files.readString(racks.resolve("example-rack-8.yaml")),
                Files.readString(racks.resolve("virtual-3.yaml")));
        Random random = new Random(seed);
        int invalid = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            String text = YamlMutator.damage(seeds.get(random.nextInt(seeds.size())), random);
            LoadResult<Rack> result;
            try {
                result = RackLoader.parse("rack.yaml", text, racks);
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError("seed " + seed + ", iteration " + i + ": loading threw on:\n" + text, e);
            }
            if (result.isOk()) {
                Rack rack = result.orElseThrow();
                assertThat(rack.modules()).as("seed %d, iteration %d", seed, i).isNotEmpty();
                assertThat(rack.moduleNames()).as("seed %d, iteration %d", seed, i).doesNotHaveDuplicates();
                continue;
            }
            invalid++;
            int lines = text.split("\n", -1).length;
            assertThat(result.problems()).as("seed %d, iteration %d", seed, i).anyMatch(Problem::isError)
                    .doesNotHaveDuplicates();
            for (Problem p : result.problems()) {
                assertThat(p.line()).as("seed %d, iteration %d: %s", seed, i, p).isPositive()
                        .isLessThanOrEqualTo(lines + 1);
                assertThat(p.column()).as("seed %d, iteration %d: %s", seed, i, p).isPositive();
            }
        }
        assertThat(invalid).as("seed %d: invalid mutants", seed).isPositive();
    }
}
