package org.miplhil.objects;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.at.MiplValue;
import org.miplhil.yaml.LoadResult;

class ObjectFixturesTest {

    static final Path SHIPPED = Path.of("fixtures/objects");

    private static List<String> errors(String text) {
        LoadResult<List<ObjectDef>> r = ObjectFixtures.parse("t.yaml", text);
        assertThat(r.isOk()).as("expected errors for:\n%s", text).isFalse();
        return r.errors();
    }

    @Test
    void theShippedFixturesLoadAndDeriveWhatAddObjNeeds() {
        LoadResult<List<ObjectDef>> r = ObjectFixtures.loadDirectory(SHIPPED);
        assertThat(r.errors()).isEmpty();
        ObjectModel model = ObjectModel.of(r.orElseThrow());
        ObjectDef light = model.object(3311).orElseThrow();
        assertThat(light.addObj(0).format()).isEqualTo("AT+MIPLADDOBJ=0,3311,2,\"11\",5,0");
        // 7.2.1's discover answer
        assertThat(light.discover()).containsExactly(5850, 5851, 5706, 5805);
        ObjectDef temperature = model.object(3303).orElseThrow();
        assertThat(temperature.addObj(0).format()).isEqualTo("AT+MIPLADDOBJ=0,3303,2,\"11\",4,1");
        assertThat(temperature.discover()).containsExactly(5700, 5701, 5601, 5602, 5605);
        // the resource default fills every instance; 7.8.3's values
        assertThat(model.value(3303, 1, 5701)).contains(new MiplValue.StringValue("Cel"));
        assertThat(model.value(3303, 1, 5602)).contains(new MiplValue.FloatValue("100.1"));
        assertThat(model.value(3311, 1, 5805)).contains(new MiplValue.FloatValue("1.88"));
        assertThat(model.value(3311, 0, 5850)).isEmpty();
    }

    @Test
    void bitmapAndCountsFollowTheFixture() {
        String text = """
                objects:
                  - id: 3200
                    name: Digital Input
                    attr_count: 4
                    act_count: 2
                    resources:
                      - {id: 5500, name: State, type: boolean, operations: R}
                      - {id: 5750, name: Application Type, type: hex, operations: RW, value: "0a0B"}
                    instances:
                      - {id: 0}
                      - {id: 1}
                      - {id: 3}
                      - {id: 2, registered: false}
                """;
        ObjectDef o = ObjectFixtures.parse("t.yaml", text).orElseThrow().get(0);
        // 3.3.5: "1101" registers 0, 1 and 3
        assertThat(o.addObj(0).format()).isEqualTo("AT+MIPLADDOBJ=0,3200,4,\"1101\",4,2");
        assertThat(o.registeredInstances()).containsExactly(0, 1, 3);
        assertThat(ObjectModel.of(o).value(3200, 2, 5750)).contains(new MiplValue.HexValue("0A0B"));
    }

    @Test
    void unknownKeysAreReportedWhereTheyAre() {
        List<String> e = errors("""
                objects:
                  - id: 3311
                    name: Light
                    colour: red
                    resources:
                      - {id: 5850, name: On/Off, type: boolean, operations: RW, unit: none}
                    instances:
                      - {id: 0, value: {5850: true}}
                """);
        assertThat(e).containsExactly(
                "t.yaml:6:65: unknown key 'unit' in objects[0].resources[0] (known: id, name, type, operations, value)",
                "t.yaml:8:17: unknown key 'value' in objects[0].instances[0] (known: id, registered, values)",
                "t.yaml:4:5: unknown key 'colour' in objects[0] (known: id, name, discover, attr_count, act_count, resources, instances)");
    }

    @Test
    void badTypesAndOperationsAreReported() {
        List<String> e = errors("""
                objects:
                  - id: 70000
                    name: X
                    resources:
                      - {id: 1, name: A, type: double, operations: RW}
                      - {id: 2, name: B, type: string, operations: RWE}
                      - {id: three, name: C, type: string, operations: R}
                    instances:
                      - {id: 0}
                """);
        assertThat(e).containsExactly(
                "t.yaml:2:9: objects[0].id must be in 0..65535, found 70000",
                "t.yaml:5:32: objects[0].resources[0].type must be one of string, opaque, hex, integer, float, boolean, found 'double'",
                "t.yaml:6:52: objects[0].resources[1].operations must be R, W, RW or E (an executable resource is neither "
                        + "readable nor writable), found 'RWE'",
                "t.yaml:7:14: objects[0].resources[2].id must be an integer, found 'three'");
    }

    @Test
    void valuesMustMatchTheirType() {
        List<String> e = errors("""
                objects:
                  - id: 3311
                    name: Light
                    resources:
                      - {id: 5850, name: On/Off, type: boolean, operations: RW}
                      - {id: 5851, name: Dimmer, type: integer, operations: RW}
                      - {id: 5706, name: Colour, type: string, operations: RW}
                      - {id: 5805, name: Power, type: float, operations: R}
                      - {id: 5750, name: Blob, type: opaque, operations: R}
                      - {id: 5605, name: Reset, operations: E, value: x}
                    instances:
                      - id: 0
                        values: {5850: 1, 5851: 1.5, 5706: 1234567890, 5805: fast, 5750: "ABC", 9999: 1, 5605: go}
                      - id: 1
                        values: {5706: "say \\"hi\\""}
                """);
        assertThat(e).containsExactly(
                "t.yaml:10:55: objects[0].resources[5].value: an executable resource has no value",
                "t.yaml:13:24: objects[0].instances[0].values[5850] must be true or false (a boolean resource), found the integer 1",
                "t.yaml:13:33: objects[0].instances[0].values[5851] (an integer resource) must be an integer, found the number 1.5",
                "t.yaml:13:44: objects[0].instances[0].values[5706] must be text (a string resource; quote it: \"1234567890\"), found the integer 1234567890",
                "t.yaml:13:62: objects[0].instances[0].values[5805] must be a decimal number such as 1.88 (a float resource), found 'fast'",
                "t.yaml:13:74: objects[0].instances[0].values[5750]: an opaque value is an even number of hex digits, found 'ABC'",
                "t.yaml:13:81: objects[0].instances[0].values[9999]: 9999 is not a resource of this object (resources: 5850, 5851, 5706, 5805, 5750, 5605)",
                "t.yaml:13:96: objects[0].instances[0].values[5605]: resource 5605 is executable and has no value",
                "t.yaml:15:24: objects[0].instances[1].values[5706]: a string sent in an AT command cannot hold a double quote, CR or LF (3.1.2)");
    }

    @Test
    void duplicateIdsNameTheFirst() {
        List<String> e = errors("""
                objects:
                  - id: 3311
                    name: Light
                    discover: [5850, 5850, 1]
                    resources:
                      - {id: 5850, name: On/Off, type: boolean, operations: RW}
                      - {id: 5850, name: Again, type: boolean, operations: RW}
                    instances:
                      - {id: 0, values: {5850: true, +5850: false}}
                      - {id: 0}
                  - id: 3311
                    name: Light again
                    resources:
                      - {id: 1, name: A, type: string, operations: R}
                    instances:
                      - {id: 0}
                """);
        assertThat(e).containsExactly(
                "t.yaml:7:14: objects[0].resources[1].id: resource 5850 is defined twice (first at t.yaml:6:14)",
                "t.yaml:4:22: objects[0].discover[1]: resource 5850 is listed twice (first at t.yaml:4:16)",
                "t.yaml:4:28: objects[0].discover[2]: 1 is not a resource of this object (resources: 5850)",
                "t.yaml:9:38: objects[0].instances[0].values[+5850]: resource 5850 has a value twice (first at t.yaml:9:26)",
                "t.yaml:10:14: objects[0].instances[1].id: instance 0 is defined twice (first at t.yaml:9:14)",
                "t.yaml:11:9: objects[1].id: object 3311 is defined twice (first at t.yaml:2:9)");
    }

    @Test
    void anObjectDefinedInTwoFilesIsAnErrorAtTheSecond(@TempDir Path dir) throws Exception {
        String text = """
                objects:
                  - id: 3303
                    name: T
                    resources: [{id: 5700, name: V, type: float, operations: R}]
                    instances: [{id: 0}]
                """;
        Files.writeString(dir.resolve("a.yaml"), text);
        Files.writeString(dir.resolve("b.yaml"), text);
        LoadResult<List<ObjectDef>> r = ObjectFixtures.loadDirectory(dir);
        assertThat(r.errors()).containsExactly(dir.resolve("b.yaml") + ":2:5: object 3303 is already defined at "
                + dir.resolve("a.yaml") + ":2:5");
    }

    @Test
    void structuralMistakesAreReported() {
        assertThat(errors("")).containsExactly("t.yaml:1:1: the file is empty");
        assertThat(errors("objects: [")).singleElement().asString().startsWith("t.yaml:1:").contains("YAML syntax");
        assertThat(errors("objects: []")).containsExactly("t.yaml:1:10: 'objects' lists no object");
        assertThat(errors("""
                objects:
                  - id: 1
                    name: N
                    resources: []
                    instances: []
                """)).containsExactly("t.yaml:4:16: objects[0].resources lists no resource",
                "t.yaml:5:16: objects[0].instances lists no instance: an object needs one to be added");
        assertThat(errors("objects:\n  - id: 1\n")).containsExactly(
                "t.yaml:2:5: objects[0] is missing the key 'name'",
                "t.yaml:2:5: objects[0] is missing the key 'resources'",
                "t.yaml:2:5: objects[0] is missing the key 'instances'");
    }

    @Test
    void brokenFixturesNeverThrowAndAlwaysSayWhere() throws Exception {
        String valid = Files.readString(SHIPPED.resolve("light-control-3311.yaml"));
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String alphabet = "{}[]:,-\"' #\n0123456789abcEWR.";
        for (int round = 0; round < 300; round++) {
            StringBuilder b = new StringBuilder(valid);
            int edits = 1 + random.nextInt(4);
            for (int k = 0; k < edits && b.length() > 0; k++) {
                int at = random.nextInt(b.length());
                switch (random.nextInt(3)) {
                    case 0 -> b.deleteCharAt(at);
                    case 1 -> b.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> b.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            String text = b.toString();
            LoadResult<List<ObjectDef>> r;
            try {
                r = ObjectFixtures.parse("f.yaml", text);
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + " round " + round + ": threw on\n" + text, e);
            }
            for (String error : r.errors()) {
                assertThat(error).as("seed %d round %d", seed, round).matches("f\\.yaml:\\d+:\\d+: .+");
            }
            if (r instanceof LoadResult.Ok<List<ObjectDef>> ok) {
                ObjectModel.of(ok.value()); // whatever loads makes a model
            }
        }
    }
}
