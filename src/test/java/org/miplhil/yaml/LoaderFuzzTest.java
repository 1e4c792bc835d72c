package org.miplhil.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.miplhil.objects.ObjectFixtures;
import org.miplhil.power.rack.RackLoader;
import org.miplhil.sim.fault.FaultPlanLoader;
import org.miplhil.sim.profile.ProfileLoader;

/**
 * Every loader built on {@link YamlDocument} — rack files, firmware profiles, object models, fault plans — given
 * damaged copies of the repository's own files never throws, and reports each problem as a {@link Problem} with a
 * file and a position inside the text (suites have their own fuzz test, {@code SuiteFuzzTest}).
 */
class LoaderFuzzTest {

    private static final int ITERATIONS = 300;

    private final long seed = Long.getLong("fuzz.seed", System.nanoTime());

    @Test
    void damagedRackFilesNeverThrow() throws IOException {
        Path racks = Path.of("fixtures/racks").toAbsolutePath();
        fuzz(yamlFiles(racks), "rack.yaml", text -> RackLoader.parse("rack.yaml", text, racks));
    }

    @Test
    void damagedProfilesNeverThrow() throws IOException {
        Path dir = Path.of("fixtures/firmware").toAbsolutePath();
        fuzz(yamlFiles(dir), "profile.yaml", text -> ProfileLoader.parse("profile.yaml", text, dir));
    }

    @Test
    void damagedObjectModelsNeverThrow() throws IOException {
        fuzz(yamlFiles(Path.of("fixtures/objects")), "objects.yaml", text -> ObjectFixtures.parse("objects.yaml", text));
    }

    @Test
    void damagedFaultPlansNeverThrow() throws IOException {
        // equivalent.yaml beside the plans lists equivalent mutants: no plan
        fuzz(yamlFiles(Path.of("fixtures/faults"), "equivalent.yaml"), "plan.yaml",
                text -> FaultPlanLoader.parse("plan.yaml", text));
    }

    private static List<String> yamlFiles(Path dir, String... except) throws IOException {
        List<String> left = List.of(except);
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".yaml") && !left.contains(p.getFileName().toString()))
                    .sorted().map(p -> {
                try {
                    return Files.readString(p);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }

    private void fuzz(List<String> seeds, String name, Function<String, LoadResult<?>> loader) {
        assertThat(seeds).as("seed files").isNotEmpty();
        for (String s : seeds) {
            assertThat(loader.apply(s).problems()).as("the repository's own files load clean").isEmpty();
        }
        Random random = new Random(seed);
        int invalid = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            String text = YamlMutator.damage(seeds.get(random.nextInt(seeds.size())), random);
            LoadResult<?> result;
            try {
                result = loader.apply(text);
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError("seed " + seed + ", iteration " + i + ": loading threw on:\n" + text, e);
            }
            if (result.isOk()) {
                assertThat(result.problems()).noneMatch(Problem::isError);
                continue;
            }
            invalid++;
            int lines = text.split("\n", -1).length;
            assertThat(result.problems()).as("seed %d, iteration %d", seed, i).anyMatch(Problem::isError);
            for (Problem p : result.problems()) {
                assertThat(p.file()).as("seed %d, iteration %d: the file of %s", seed, i, p).isNotBlank();
                assertThat(p.line()).as("seed %d, iteration %d: line of %s", seed, i, p).isPositive();
                assertThat(p.column()).as("seed %d, iteration %d: column of %s", seed, i, p).isPositive();
                assertThat(p.message()).as("seed %d, iteration %d", seed, i).isNotBlank();
                if (p.file().equals(name)) {
                    assertThat(p.line()).as("seed %d, iteration %d: %s inside the text", seed, i, p)
                            .isLessThanOrEqualTo(lines + 1);
                }
            }
        }
        // damage that never made a file invalid would mean the loader checks nothing
        assertThat(invalid).as("seed %d: invalid mutants", seed).isPositive();
    }
}
