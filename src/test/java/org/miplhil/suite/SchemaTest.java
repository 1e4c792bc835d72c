package org.miplhil.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** The JSON Schema editors use and the loader know the same keys and the same words. */
class SchemaTest {

    private static final Path SCHEMA = Path.of("suites/schema/suite.schema.json");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> schema() throws IOException {
        // JSON is YAML: SnakeYAML reads the schema without another dependency
        return (Map<String, Object>) new Yaml(new LoaderOptions()).load(Files.readString(SCHEMA));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o, String... keys) {
        Object cur = o;
        for (String k : keys) {
            cur = ((Map<String, Object>) cur).get(k);
            assertThat(cur).as("schema path %s", String.join("/", keys)).isNotNull();
        }
        return (Map<String, Object>) cur;
    }

    private static Set<String> propertyNames(Map<String, Object> def) {
        return map(def, "properties").keySet();
    }

    @Test
    @SuppressWarnings("unchecked")
    void topLevelFixturesAndCaseKeysMatch() throws IOException {
        Map<String, Object> s = schema();
        assertThat(s.get("$schema")).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(propertyNames(s)).containsExactlyInAnyOrderElementsOf(SuiteKeys.SUITE);
        assertThat(propertyNames(map(s, "properties", "fixtures"))).containsExactlyInAnyOrderElementsOf(SuiteKeys.FIXTURES);
        assertThat(propertyNames(map(s, "$defs", "case"))).containsExactlyInAnyOrderElementsOf(SuiteKeys.CASE);
        assertThat((List<Object>) s.get("required")).containsExactlyInAnyOrder("suite", "cases");
        assertThat((List<Object>) map(s, "$defs", "case").get("required")).containsExactlyInAnyOrder("name", "steps");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyStepKindHasTheLoadersKeys() throws IOException {
        Map<String, Object> s = schema();
        Map<String, Object> defs = map(s, "$defs");
        Map<String, Set<String>> schemaSteps = new HashMap<>();
        for (Object alternative : (List<Object>) map(defs, "step").get("oneOf")) {
            String ref = (String) ((Map<String, Object>) alternative).get("$ref");
            Map<String, Object> def = map(defs, ref.substring("#/$defs/".length()));
            String kind = (String) ((List<Object>) def.get("required")).get(0);
            assertThat(def.get("additionalProperties")).as("%s rejects unknown keys", kind).isEqualTo(false);
            schemaSteps.put(kind, propertyNames(def));
        }
        assertThat(schemaSteps.keySet()).containsExactlyInAnyOrderElementsOf(SuiteKeys.STEPS.keySet());
        for (Map.Entry<String, List<String>> e : SuiteKeys.STEPS.entrySet()) {
            assertThat(schemaSteps.get(e.getKey())).as("keys of the %s step", e.getKey())
                    .containsExactlyInAnyOrderElementsOf(e.getValue());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void enumeratedWordsMatch() throws IOException {
        Map<String, Object> defs = map(schema(), "$defs");
        Map<String, List<Object>> found = new HashMap<>();
        collectEnums(defs, found);
        for (Map.Entry<String, List<String>> e : SuiteKeys.WORDS.entrySet()) {
            assertThat(found).as("the schema enumerates '%s'", e.getKey()).containsKey(e.getKey());
            assertThat(found.get(e.getKey())).as("words of '%s'", e.getKey())
                    .containsExactlyInAnyOrderElementsOf(e.getValue());
        }
        // the request URCs of mcu.for live in their own definition
        assertThat((List<Object>) map(defs, "requestUrc").get("enum"))
                .containsExactlyInAnyOrderElementsOf(SuiteKeys.WORDS.get("for"));
    }

    /** Property name → its enum, wherever a property is an enum directly or through a $ref. */
    @SuppressWarnings("unchecked")
    private static void collectEnums(Map<String, Object> defs, Map<String, List<Object>> found) {
        for (Object d : defs.values()) {
            Object props = ((Map<String, Object>) d).get("properties");
            if (!(props instanceof Map)) {
                continue;
            }
            for (Map.Entry<String, Object> p : ((Map<String, Object>) props).entrySet()) {
                Map<String, Object> def = (Map<String, Object>) p.getValue();
                Object ref = def.get("$ref");
                if (ref instanceof String r && r.startsWith("#/$defs/")) {
                    def = (Map<String, Object>) defs.get(r.substring("#/$defs/".length()));
                }
                if (def.get("enum") instanceof List<?> en && !p.getKey().equals("on") && !p.getKey().equals("action")) {
                    found.put(p.getKey(), (List<Object>) en);
                }
            }
        }
        found.put("for", (List<Object>) ((Map<String, Object>) defs.get("requestUrc")).get("enum"));
        // expect-fota takes one outcome or a list of them
        found.put("expect-fota", (List<Object>) ((Map<String, Object>) defs.get("fotaOutcome")).get("enum"));
    }

    @Test
    void everySuiteInTheRepositoryNamesTheSchemaAndLoads() throws IOException {
        Set<Path> files = new HashSet<>();
        try (Stream<Path> walk = Files.walk(Path.of("suites"))) {
            walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).forEach(files::add);
        }
        assertThat(files).isNotEmpty();
        for (Path f : files) {
            String first = Files.readString(f).lines().findFirst().orElse("");
            Path schemaFromHere = f.getParent().resolve(first.replaceFirst("^# yaml-language-server: \\$schema=", ""));
            assertThat(first).as("first line of %s", f).startsWith("# yaml-language-server: $schema=");
            assertThat(Files.isSameFile(schemaFromHere, SCHEMA)).as("%s names %s", f, SCHEMA).isTrue();
            assertThat(SuiteLoader.load(f).errors()).as("problems of %s", f).isEmpty();
        }
    }
}
