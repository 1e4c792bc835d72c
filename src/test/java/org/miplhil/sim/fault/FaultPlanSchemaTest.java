package org.miplhil.sim.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** The fault-plan JSON Schema, the loader and the shipped plans agree. */
class FaultPlanSchemaTest {

    static final Path SCHEMA = Path.of("fixtures/faults/schema/fault-plan.schema.json");
    /** Not a plan: the list of equivalent mutants beside the plans. */
    static final String EQUIVALENT = "equivalent.yaml";

    @SuppressWarnings("unchecked")
    static Map<String, Object> schema() throws IOException {
        // JSON is YAML: SnakeYAML reads the schema without another dependency
        return (Map<String, Object>) new Yaml(new LoaderOptions()).load(Files.readString(SCHEMA));
    }

    private static List<String> schemaProblems(String yaml) throws IOException {
        Object data = MiniJsonSchema.data(new Yaml(new LoaderOptions()).compose(new StringReader(yaml)));
        return new MiniJsonSchema(schema()).validate(data);
    }

    @Test
    void everyShippedPlanIsValidByTheSchemaAndLoads() throws IOException {
        List<Path> plans;
        try (Stream<Path> files = Files.list(Path.of("fixtures/faults"))) {
            plans = files.filter(p -> p.toString().endsWith(".yaml") && !p.getFileName().toString().equals(EQUIVALENT))
                    .sorted().toList();
        }
        assertThat(plans).hasSizeGreaterThanOrEqualTo(25);
        for (Path plan : plans) {
            String text = Files.readString(plan);
            assertThat(schemaProblems(text)).as("schema problems of %s", plan).isEmpty();
            assertThat(FaultPlanLoader.load(plan).errors()).as("loader problems of %s", plan).isEmpty();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSchemaHasTheLoadersKeysAndWords() throws IOException {
        Map<String, Object> s = schema();
        assertThat(s.get("$schema")).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(((Map<String, Object>) s.get("properties")).keySet())
                .containsExactlyInAnyOrder("faults", "defect", "detect");
        Map<String, Object> fault = (Map<String, Object>) ((Map<String, Object>) s.get("$defs")).get("fault");
        Map<String, Object> props = (Map<String, Object>) fault.get("properties");
        assertThat(props.keySet()).containsExactlyInAnyOrderElementsOf(FaultReader.KEYS);
        assertThat((List<Object>) ((Map<String, Object>) props.get("action")).get("enum"))
                .containsExactlyInAnyOrderElementsOf(FaultReader.ACTIONS);
        assertThat((List<Object>) ((Map<String, Object>) props.get("on")).get("enum"))
                .containsExactlyInAnyOrder("command", "urc", "power-on");
    }

    /** Each plan: the schema and the loader both accept it, or both refuse it. */
    @Test
    void schemaAndLoaderAgreeOnGoodAndBadPlans() throws IOException {
        List<String> good = List.of(
                "faults:\n  - {on: urc, match: 'x', action: edit, field: 2, value: '7'}\n",
                "faults:\n  - {on: urc, match: 'x', action: edit, field: 2, value: 7}\n",
                "faults:\n  - {on: urc, match: 'x', action: emit, value: A, after: 40s}\n",
                "faults:\n  - {on: command, match: 'x', action: emit, value: \"A\\nB\"}\n",
                "faults:\n  - {on: command, match: 'x', reply-matches: '^OK$', action: reply, value: '+CIS ERROR: 601'}\n",
                "faults:\n  - {on: command, match: 'x', reply-matches: ERROR, action: delay, value: 40s, times: 1, skip: 2}\n",
                "faults:\n  - {on: power-on, action: emit, value: '+MIPLEVENT: 0,6', after: 30s}\n",
                "faults:\n  - {on: urc, match: 'x', action: swap-next}\n",
                "faults:\n  - {on: urc, match: 'x', action: drop}\ndefect: d\ndetect: 'e'\n");
        List<String> bad = List.of(
                "faults:\n  - {on: urc, match: 'x', action: edit, value: '7'}\n",
                "faults:\n  - {on: urc, match: 'x', action: edit, field: 0, value: '7'}\n",
                "faults:\n  - {on: urc, match: 'x', action: drop, field: 2}\n",
                "faults:\n  - {on: urc, match: 'x', action: emit}\n",
                "faults:\n  - {on: urc, match: 'x', action: emit, value: A, after: soon}\n",
                "faults:\n  - {on: urc, match: 'x', action: reply, value: A, after: 1s}\n",
                "faults:\n  - {on: urc, match: 'x', reply-matches: OK, action: drop}\n",
                "faults:\n  - {on: power-on, match: 'x', action: emit, value: A}\n",
                "faults:\n  - {on: power-on, action: drop}\n",
                "faults:\n  - {on: power-on, reply-matches: OK, action: emit, value: A}\n",
                "faults:\n  - {on: urc, action: emit, value: A}\n",
                "faults:\n  - {on: urc, match: 'x', action: drop, value: 3}\n",
                "faults:\n  - {on: urc, match: 'x', action: delay}\n",
                "faults:\n  - {on: urc, match: 'x', action: delay, value: soon}\n",
                "faults:\n  - {on: urc, match: 'x', action: drop, colour: red}\n",
                "faults:\n  - {on: wire, match: 'x', action: drop}\n",
                "fault:\n  - {on: urc, match: 'x', action: drop}\n");
        for (String yaml : good) {
            assertThat(schemaProblems(yaml)).as("schema on <%s>", yaml).isEmpty();
            assertThat(FaultPlanLoader.parse("g.yaml", yaml).errors()).as("loader on <%s>", yaml).isEmpty();
        }
        for (String yaml : bad) {
            assertThat(schemaProblems(yaml)).as("schema on <%s>", yaml).isNotEmpty();
            assertThat(FaultPlanLoader.parse("b.yaml", yaml).errors()).as("loader on <%s>", yaml).isNotEmpty();
        }
    }
}
