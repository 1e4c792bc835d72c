package org.miplhil.suite.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.suite.FixtureFiles;
import org.miplhil.suite.SuiteParser;

/** The soak's pure parts: cut points from a seed, the suites it writes, the transcript comparison. */
class DfotaSoakTest {

    @TempDir
    Path dir;

    @Test
    void theSameSeedGivesTheSameCutsAndEveryKindComesUp() {
        List<DfotaSoak.Cut> a = cuts(42);
        assertThat(cuts(42)).isEqualTo(a);
        assertThat(cuts(43)).isNotEqualTo(a);
        Set<Class<?>> kinds = new HashSet<>();
        a.forEach(c -> kinds.add(c.getClass()));
        assertThat(kinds).hasSize(5);
        for (DfotaSoak.Cut c : a) {
            if (c instanceof DfotaSoak.Cut.Updating u) {
                assertThat(u.percent()).isBetween(1, 98);
            }
            if (c instanceof DfotaSoak.Cut.Downloading d) {
                assertThat(d.after()).isLessThan(Duration.ofMillis(1500));
            }
        }
    }

    private static List<DfotaSoak.Cut> cuts(long seed) {
        Random r = new Random(seed);
        return java.util.stream.IntStream.range(0, 40).mapToObj(i -> DfotaSoak.pick(r, Duration.ofSeconds(2))).toList();
    }

    @Test
    void everyRunsSuiteIsAValidSuite() throws Exception {
        Path pkg = dir.resolve("package.bin");
        Files.writeString(pkg, "delta");
        DfotaScenario s = new DfotaScenario(Path.of("fixtures/firmware/bc260y-cn.yaml").toAbsolutePath(),
                Path.of("fixtures/objects/temperature-3303.yaml").toAbsolutePath(), pkg, "BC260YCNAAR01A03_BETA0721",
                Duration.ofSeconds(2), Duration.ofSeconds(20));
        for (DfotaSoak.Cut cut : List.of(new DfotaSoak.Cut.None(), new DfotaSoak.Cut.Downloading(Duration.ofMillis(120)),
                new DfotaSoak.Cut.Downloaded(), new DfotaSoak.Cut.Updating(30), new DfotaSoak.Cut.AfterEnd())) {
            String text = s.suite(3, 20, cut);
            SuiteParser.Outcome o = SuiteParser.parse(dir.resolve("run.yaml"), "run.yaml", text,
                    new FixtureFiles(dir, Path.of("").toAbsolutePath(), Path.of("").toAbsolutePath()));
            assertThat(o.result().errors()).as("%s\n%s", cut, text).isEmpty();
            assertThat(text).contains("run 03: " + cut.describe());
        }
        assertThat(s.suite(1, 1, new DfotaSoak.Cut.Updating(30))).contains("cut-at: fota:updating:30%");
    }

    @Test
    void aTranscriptThatLostALineIsReportedWithTheLine() {
        String journal = "a TX AT\nb RX OK\nc RX +MIPLEVENT: 0,40\n";
        assertThat(DfotaSoak.compareTranscript(journal, journal, 3)).isEmpty();
        assertThat(DfotaSoak.compareTranscript("a TX AT\nb RX OK\n", journal, 3)).hasValueSatisfying(p ->
                assertThat(p).contains("the transcript file has 2 lines, the journal 3", "c RX +MIPLEVENT: 0,40"));
        assertThat(DfotaSoak.compareTranscript("a TX AT\nb RX ERROR\nc RX +MIPLEVENT: 0,40\n", journal, 3))
                .hasValueSatisfying(p -> assertThat(p).startsWith("transcript line 2 differs from the journal"));
    }
}
