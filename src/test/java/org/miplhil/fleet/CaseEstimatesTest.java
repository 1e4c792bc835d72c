package org.miplhil.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.suite.Case;
import org.miplhil.suite.SuiteLoader;
import org.miplhil.yaml.LoadResult;
import org.miplhil.suite.Suite;

class CaseEstimatesTest {

    @TempDir
    Path dir;

    private static final String XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuite name="URCs of chapter 5" tests="2">
              <testcase name="A read &amp; a write" classname="mipl-hil.URCs_of_chapter_5" time="1.250"/>
              <testcase name="Slow one" classname="mipl-hil.URCs_of_chapter_5" time="31.000"/>
            </testsuite>
            """;

    /** A suite of the cases named, each sending AT; a name starting with "slow:" is tagged slow. */
    private Suite suite(String name, List<String> tags, String... cases) throws Exception {
        StringBuilder b = new StringBuilder("suite: \"" + name + "\"\ntags: " + tags + "\ncases:\n");
        for (String c : cases) {
            boolean slow = c.startsWith("slow:");
            b.append("  - name: \"").append(slow ? c.substring(5) : c).append("\"\n")
                    .append(slow ? "    tags: [slow]\n" : "").append("    steps: [{send: AT}]\n");
        }
        Path f = Files.createTempFile(dir, "suite", ".yaml");
        Files.writeString(f, b.toString(), StandardCharsets.UTF_8);
        LoadResult<Suite> loaded = SuiteLoader.load(f);
        assertThat(loaded.isOk()).as("%s", loaded.errors()).isTrue();
        return loaded.orElseThrow();
    }

    private static Case c(Suite s, String name) {
        return s.cases().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theLastRunsTimesAreReadFromItsJUnitXmlTheLongestWhenSeveralModulesRanTheCase() throws Exception {
        Files.createDirectories(dir.resolve("sim-1"));
        Files.writeString(dir.resolve("TEST-urcs.xml"), XML, StandardCharsets.UTF_8);
        // replicated: the module is the classname's package; another module took longer
        Files.writeString(dir.resolve("sim-1").resolve("TEST-urcs.xml"), XML
                .replace("mipl-hil.URCs", "mipl-hil.sim-1.URCs").replace("1.250", "2.500"), StandardCharsets.UTF_8);
        CaseEstimates e = CaseEstimates.read(dir);
        Suite s = suite("URCs of chapter 5", List.of(), "A read & a write", "Slow one");
        assertThat(e.size()).isEqualTo(2);
        assertThat(e.of(s, c(s, "A read & a write"))).isEqualTo(Duration.ofMillis(2500));
        assertThat(e.of(s, c(s, "Slow one"))).isEqualTo(Duration.ofSeconds(31));
    }

    @Test
    void withoutATimeASlowCaseIsGuessedLongAndAnyOtherShort() throws Exception {
        CaseEstimates none = CaseEstimates.read(dir.resolve("absent"));
        assertThat(none.size()).isZero();
        Suite s = suite("x", List.of(), "slow:waits out a lifetime", "quick");
        assertThat(none.of(s, c(s, "waits out a lifetime"))).isEqualTo(CaseEstimates.SLOW_GUESS);
        assertThat(none.of(s, c(s, "quick"))).isEqualTo(CaseEstimates.GUESS);
        Suite slow = suite("y", List.of("slow"), "any");
        assertThat(none.of(slow, c(slow, "any"))).isEqualTo(CaseEstimates.SLOW_GUESS);
    }

    @Test
    void filesThatAreNotJUnitXmlGiveNoTimesAndNeverThrow() throws Exception {
        Random random = new Random(11);
        for (int i = 0; i < 200; i++) {
            byte[] b = new byte[random.nextInt(400)];
            random.nextBytes(b);
            String prefix = i % 2 == 0 ? "" : XML.substring(0, random.nextInt(XML.length()));
            Files.write(dir.resolve("TEST-" + i + ".xml"), (prefix + new String(b, StandardCharsets.ISO_8859_1))
                    .getBytes(StandardCharsets.ISO_8859_1));
        }
        Files.writeString(dir.resolve("TEST-negative.xml"), XML.replace("1.250", "-4").replace("31.000", "x"));
        CaseEstimates e = CaseEstimates.read(dir);
        Suite s = suite("URCs of chapter 5", List.of(), "Slow one");
        assertThat(e.of(s, c(s, "Slow one"))).isPositive();
    }
}
