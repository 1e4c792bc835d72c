package org.miplhil.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.miplhil.sim.fault.MiniJsonSchema;
import org.miplhil.yaml.LoadResult;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** Release files: the shipped fixture, every problem at its file:line:column, and the schema agreeing. */
class ReleaseLoaderTest {

    static final Path FIXTURE = Path.of("fixtures/qualification/release-virtual.yaml");
    static final Path SCHEMA = Path.of("fixtures/qualification/schema/release.schema.json");

    private static LoadResult<ReleaseFile> parse(String text) {
        return ReleaseLoader.parse("r.yaml", text, Path.of(""));
    }

    @Test
    void theVirtualFixtureReadsAsTwoVirtualModulesWithTheCandidatesFaultPlan() {
        LoadResult<ReleaseFile> r = ReleaseLoader.load(FIXTURE);
        // the rules file is compare's default (fixtures/qualification/release.yaml): until it is here, the only
        // problem may be that one
        List<String> errors = r.errors();
        if (!Files.isRegularFile(Path.of("fixtures/qualification/release.yaml"))) {
            assertThat(errors).singleElement().asString()
                    .contains("the rules file: no file fixtures/qualification/release.yaml");
            return;
        }
        assertThat(errors).isEmpty();
        ReleaseFile f = r.orElseThrow();
        assertThat(f.virtual()).isTrue();
        assertThat(f.parallel()).isEqualTo(2);
        assertThat(f.candidate().faults()).contains(Path.of("fixtures/faults/wrong-error-code.yaml"));
        assertThat(f.baseline().faults()).isEmpty();
        // the candidate is another revision: a virtual module with the profile that reports it, updated there and back
        assertThat(f.candidate().revision()).isEqualTo("BC260YCNAAR01A03_BETA0721").isNotEqualTo(f.baseline().revision());
        assertThat(f.candidate().profile()).contains(Path.of("fixtures/firmware/bc260y-cn-beta0721.yaml"));
        assertThat(f.baseline().profile()).isEmpty();
        assertThat(f.dfota()).isTrue();
        assertThat(f.suites()).containsExactly(Path.of("suites/catalogue"));
        assertThat(f.threshold()).contains("30%");
    }

    @Test
    void aCompleteFileLoadsWithItsDefaults() {
        ReleaseFile f = parse("""
                release: R
                firmware:
                  baseline: {revision: A01, report: suites}
                  candidate: {revision: A02, image: pom.xml}
                racks: [fixtures/racks/example-rack-8.yaml]
                suites: [suites/catalogue]
                rules: pom.xml
                """).orElseThrow();
        assertThat(f.name()).isEqualTo("R");
        assertThat(f.baseline().report()).contains(Path.of("suites"));
        assertThat(f.candidate().image()).contains(Path.of("pom.xml"));
        assertThat(f.racks()).containsExactly(Path.of("fixtures/racks/example-rack-8.yaml"));
        assertThat(f.virtual()).isFalse();
        assertThat(f.tags()).isEqualTo("!slow");
        assertThat(f.repeat()).isEqualTo(1);
        assertThat(f.out()).isEqualTo(Path.of("reports/release"));
        assertThat(f.threshold()).isEmpty();
        assertThat(f.dfota()).isTrue();
    }

    @Test
    void aProfileAndTheDfotaSwitchAreRead() {
        ReleaseFile f = parse("""
                release: R
                firmware:
                  baseline: {revision: A01}
                  candidate: {revision: A02, profile: fixtures/firmware/bc260y-cn-beta0721.yaml}
                racks: [fixtures/racks/virtual-3.yaml]
                suites: [suites/catalogue]
                rules: pom.xml
                dfota: false
                """).orElseThrow();
        assertThat(f.candidate().profile()).contains(Path.of("fixtures/firmware/bc260y-cn-beta0721.yaml"));
        assertThat(f.dfota()).isFalse();
        LoadResult<ReleaseFile> r = parse("""
                release: R
                firmware:
                  baseline: {revision: A01, report: suites, profile: none.yaml}
                  candidate: {revision: A02}
                suites: [suites/catalogue]
                rules: pom.xml
                dfota: sometimes
                """);
        assertThat(r.errors()).anySatisfy(e -> assertThat(e).startsWith("r.yaml:3:").contains("no file none.yaml"))
                .anySatisfy(e -> assertThat(e).startsWith("r.yaml:7:").contains("dfota"));
    }

    @Test
    void everyProblemIsReportedAtItsLineInOnePass() {
        LoadResult<ReleaseFile> r = parse("""
                release: R
                firmware:
                  baseline: {revision: A01, faults: fixtures/faults/ver-wrong.yaml}
                  candidate: {revision: "", report: suites, colour: red}
                racks: [fixtures/racks/example-rack-8.yaml]
                parallel: 2
                suites: [no/such/dir]
                repeat: 0
                rules: nope.yaml
                threshold: fast
                extra: 1
                """);
        assertThat(r.errors()).anySatisfy(e -> assertThat(e).startsWith("r.yaml:4:").contains("revision must not"))
                .anySatisfy(e -> assertThat(e).startsWith("r.yaml:4:").contains("the candidate is run"))
                .anySatisfy(e -> assertThat(e).startsWith("r.yaml:4:").contains("colour"))
                .anySatisfy(e -> assertThat(e).startsWith("r.yaml:6:1").contains("racks: and parallel: both"))
                .anySatisfy(e -> assertThat(e).startsWith("r.yaml:7:").contains("no file or directory no/such/dir"))
                .anySatisfy(e -> assertThat(e).startsWith("r.yaml:8:").contains("repeat must be in 1..1000"))
                .anySatisfy(e -> assertThat(e).startsWith("r.yaml:9:").contains("no file nope.yaml"))
                .anySatisfy(e -> assertThat(e).startsWith("r.yaml:10:").contains("percentage such as 30%"))
                .anySatisfy(e -> assertThat(e).startsWith("r.yaml:11:").contains("extra"))
                .anySatisfy(e -> assertThat(e).startsWith("r.yaml:5:").contains("virtual modules only"));
    }

    @Test
    void badInputIsReportedNeverThrown() {
        for (String text : new String[] {"", "[1, 2]", "release: [", "firmware: 3\n", "release: R\nfirmware: {}\n",
                "\t\u0000", "release: R\nfirmware:\n  baseline: 1\n  candidate: []\nsuites: x\nrules: 7\n"}) {
            LoadResult<ReleaseFile> r = parse(text);
            assertThat(r).as(text).isInstanceOf(LoadResult.Invalid.class);
            assertThat(r.errors()).as(text).isNotEmpty().allSatisfy(e -> assertThat(e).startsWith("r.yaml:"));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSchemaHasTheLoadersKeysAndTakesTheFixture() throws IOException {
        Map<String, Object> schema = (Map<String, Object>) new Yaml(new LoaderOptions()).load(Files.readString(SCHEMA));
        assertThat(((Map<String, Object>) schema.get("properties")).keySet())
                .containsExactlyInAnyOrderElementsOf(ReleaseLoader.TOP_KEYS);
        Map<String, Object> fw = (Map<String, Object>) ((Map<String, Object>) schema.get("$defs")).get("firmware");
        assertThat(((Map<String, Object>) fw.get("properties")).keySet())
                .containsExactlyInAnyOrderElementsOf(ReleaseLoader.SIDE_KEYS);
        Object data = MiniJsonSchema.data(new Yaml(new LoaderOptions())
                .compose(new StringReader(Files.readString(FIXTURE))));
        assertThat(new MiniJsonSchema(schema).validate(data)).isEmpty();
    }
}
