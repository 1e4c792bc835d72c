package org.miplhil.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.yaml.YamlDocument;

class NetworkSpecsTest {

    static final Path PROFILES = NetworkSpecs.DEFAULT_DIR;

    private static NetworkConditions ok(Object value) {
        NetworkSpecs.Result r = NetworkSpecs.read(value, PROFILES);
        assertThat(r.problems()).as("problems reading %s", value).isEmpty();
        return r.value().orElseThrow();
    }

    private static List<NetworkProblem> problems(Object value) {
        NetworkSpecs.Result r = NetworkSpecs.read(value, PROFILES);
        assertThat(r).as("reading %s", value).isInstanceOf(NetworkSpecs.Result.Invalid.class);
        return r.problems();
    }

    private static Object yaml(String text) {
        return YamlDocument.compose("suite.yaml", text).root().orElseThrow();
    }

    @Test
    void anInlineMapAppliesToBothDirections() {
        NetworkConditions c = ok(yaml("{delay: 2s, jitter: 500ms, loss: 15%, duplicate: 5%, reorder: 2%, rate: 20kbit}"));
        Impairment both = new Impairment(Duration.ofSeconds(2), Duration.ofMillis(500), 0.15, 0.05, 0.02, 20_000);
        assertThat(c).isEqualTo(new NetworkConditions("inline", both, both, java.util.Optional.empty()));
    }

    @Test
    void uplinkAndDownlinkOverrideTheSharedFigures() {
        NetworkConditions c = ok(yaml("{delay: 1.5s, loss: 10%, uplink: {loss: 20%, rate: 1mbit}, "
                + "downlink: {delay: 250ms}}"));
        assertThat(c.uplink()).isEqualTo(new Impairment(Duration.ofMillis(1500), Duration.ZERO, 0.2, 0, 0, 1_000_000));
        assertThat(c.downlink()).isEqualTo(new Impairment(Duration.ofMillis(250), Duration.ZERO, 0.1, 0, 0, 0));
    }

    @Test
    void onlyOneDirectionLeavesTheOtherAlone() {
        NetworkConditions c = ok(Map.of("uplink", Map.of("loss", "100%")));
        assertThat(c.uplink().loss()).isEqualTo(1.0);
        assertThat(c.downlink()).isEqualTo(Impairment.NONE);
    }

    @Test
    void unitsAndZero() {
        assertThat(Units.duration("1m")).contains(Duration.ofMinutes(1));
        assertThat(Units.duration("0")).contains(Duration.ZERO);
        assertThat(Units.duration("2h")).isEmpty();
        assertThat(Units.duration("2")).isEmpty();
        assertThat(Units.fraction("2.5%").getAsDouble()).isEqualTo(0.025);
        assertThat(Units.fraction("100.5%")).isEmpty();
        assertThat(Units.fraction("0.15")).isEmpty();
        assertThat(Units.bitsPerSecond("9600bit").getAsLong()).isEqualTo(9600);
        assertThat(Units.bitsPerSecond("0.5bit")).isEmpty();
        assertThat(Units.bitsPerSecond("20kbps")).isEmpty();
        assertThat(Units.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Units.duration(Units.format(Duration.ofNanos(1_234_000)))).contains(Duration.ofNanos(1_234_000));
        assertThat(Units.formatFraction(0.15)).isEqualTo("15%");
        assertThat(Units.formatRate(20_000)).isEqualTo("20kbit");
    }

    @Test
    void problemsNameTheKeyPathWhatWasExpectedAndWhere() {
        List<NetworkProblem> p = problems(yaml("delay: 2 seconds\nuplink:\n  loss: 15\n  speed: 3\nlatency: 1s\n"));
        assertThat(p).extracting(NetworkProblem::key)
                .containsExactlyInAnyOrder("network.delay", "network.uplink.loss", "network.uplink.speed",
                        "network.latency");
        NetworkProblem loss = p.stream().filter(x -> x.key().equals("network.uplink.loss")).findFirst().orElseThrow();
        assertThat(loss.message()).contains("percentage such as 15%").contains("'15'");
        assertThat(loss.line()).isEqualTo(3);
        assertThat(loss.column()).isEqualTo(9);
        assertThat(problems("nbiot-nowhere")).singleElement().satisfies(x -> {
            assertThat(x.key()).isEqualTo("network");
            assertThat(x.message()).contains("no profile").contains("nbiot-lossy");
        });
        assertThat(problems(List.of("a"))).singleElement()
                .satisfies(x -> assertThat(x.message()).contains("profile name").contains("a list"));
        assertThat(problems("../secrets")).singleElement()
                .satisfies(x -> assertThat(x.message()).contains("must name a profile"));
        assertThat(NetworkSpecs.read(Map.of("uplink", "fast"), PROFILES, "cases[1].network").problems())
                .singleElement().satisfies(x -> assertThat(x.key()).isEqualTo("cases[1].network.uplink"));
    }

    @Test
    void theShippedProfilesReadWithSourcesAndGrowWorse() {
        assertThat(NetworkSpecs.profileNames(PROFILES)).contains("nbiot-good", "nbiot-edge", "nbiot-lossy");
        NetworkConditions good = ok("nbiot-good");
        NetworkConditions edge = ok("nbiot-edge");
        NetworkConditions lossy = ok(yaml("nbiot-lossy"));
        for (NetworkConditions c : List.of(good, edge, lossy)) {
            assertThat(c.source()).as("%s source", c.name()).isPresent();
            assertThat(c.isNone()).isFalse();
        }
        assertThat(good.name()).isEqualTo("nbiot-good");
        assertThat(edge.uplink().delay()).isGreaterThan(good.uplink().delay());
        assertThat(lossy.uplink().loss()).isGreaterThan(edge.uplink().loss());
        // the relay setting measured on these machines: 1.5–2.5 s each way, 15 % loss, 5 % duplication
        assertThat(lossy.uplink().delay().minus(lossy.uplink().jitter())).isEqualTo(Duration.ofMillis(1500));
        assertThat(lossy.uplink().delay().plus(lossy.uplink().jitter())).isEqualTo(Duration.ofMillis(2500));
        assertThat(lossy.uplink().loss()).isEqualTo(0.15);
        assertThat(lossy.uplink().duplicate()).isEqualTo(0.05);
        assertThat(ok("none")).isEqualTo(NetworkConditions.none());
    }

    @Test
    void aBrokenProfileIsReportedInItsOwnFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("bad.yaml"), "description: x\ndelay: soon\n");
        Files.writeString(dir.resolve("syntax.yaml"), "delay: [\n");
        List<NetworkProblem> bad = NetworkSpecs.read("bad", dir).problems();
        assertThat(bad).extracting(NetworkProblem::key).containsExactlyInAnyOrder("bad.source", "bad.delay");
        assertThat(bad).allSatisfy(p -> assertThat(p.file()).contains(dir.resolve("bad.yaml").toString()));
        assertThat(bad.stream().filter(p -> p.key().equals("bad.delay")).findFirst().orElseThrow().line()).isEqualTo(2);
        assertThat(NetworkSpecs.read("syntax", dir).problems()).singleElement()
                .satisfies(p -> assertThat(p.toString()).contains("YAML syntax"));
        assertThat(NetworkSpecs.profileNames(dir)).containsExactly("bad", "syntax");
        assertThat(NetworkSpecs.profileNames(dir.resolve("missing"))).isEmpty();
    }

    @Test
    void theKeyListsCoverWhatIsRead() {
        assertThat(NetworkSpecs.KEYS).containsExactly("delay", "jitter", "loss", "duplicate", "reorder", "rate",
                "uplink", "downlink");
        assertThat(NetworkSpecs.PROFILE_KEYS).contains("description", "source").containsAll(NetworkSpecs.KEYS);
    }

    /** Random texts, maps and lists, as YAML nodes and as plain values: a result every time, never an exception. */
    @Test
    void randomValuesNeverThrow() {
        Random random = new Random(12);
        String[] words = {"delay", "jitter", "loss", "duplicate", "reorder", "rate", "uplink", "downlink", "2s",
                "15%", "20kbit", "0", "-1s", "1e9ms", "nbiot-good", "none", "", "%", "kbit", "1.5", "NaN", ":",
                "{", "[", "\"", "100%", "101%", "999999999m", "9999999999999mbit", "../x", "\u0000"};
        for (int i = 0; i < 3000; i++) {
            Object value = random(random, words, 0);
            assertThatCode(() -> NetworkSpecs.read(value, PROFILES)).as("%s", value).doesNotThrowAnyException();
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(12); k > 0; k--) {
                text.append(words[random.nextInt(words.length)]).append(random.nextBoolean() ? ": " : " ");
                if (random.nextInt(4) == 0) {
                    text.append((char) random.nextInt(128));
                }
            }
            YamlDocument doc = YamlDocument.compose("fuzz.yaml", text.toString());
            Object node = doc.root().orElse(null);
            assertThatCode(() -> NetworkSpecs.read(node, PROFILES)).as("%s", text).doesNotThrowAnyException();
            NetworkSpecs.Result r = NetworkSpecs.read(node, PROFILES);
            assertThat(r.value().isPresent() != r.problems().isEmpty()).as("%s", text).isFalse();
        }
    }

    private static Object random(Random random, String[] words, int depth) {
        int kind = random.nextInt(depth > 2 ? 3 : 6);
        return switch (kind) {
            case 0 -> words[random.nextInt(words.length)];
            case 1 -> random.nextInt(5) == 0 ? null : random.nextInt(200) - 50;
            case 2 -> random.nextDouble();
            case 3, 4 -> {
                Map<Object, Object> m = new LinkedHashMap<>();
                for (int k = random.nextInt(5); k > 0; k--) {
                    m.put(random.nextInt(8) == 0 ? random.nextInt(3) : words[random.nextInt(8)],
                            random(random, words, depth + 1));
                }
                yield m;
            }
            default -> {
                List<Object> l = new ArrayList<>();
                for (int k = random.nextInt(3); k > 0; k--) {
                    l.add(random(random, words, depth + 1));
                }
                yield l;
            }
        };
    }
}
