package org.miplhil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.miplhil.container.DockerRequired;
import org.miplhil.json.Json;
import picocli.CommandLine;

/**
 * {@code bench registration --via container}: the virtual module registers twice with the platform in its
 * container through the relay, and the line says so (its shape, the relay's datagrams). Timing is not asserted.
 */
@Tag("docker")
@ExtendWith(DockerRequired.class)
class RegistrationViasIT {

    @Test
    void theContainerWayPrintsOneLineWithTheRelaysStats() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = new CommandLine(new Lwm2mBench.Registration(print(out), print(err)))
                .execute("--via", "container", "--count", "2", "--warmup", "0");

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        List<String> lines = out.toString(StandardCharsets.UTF_8).strip().lines().toList();
        assertThat(lines).hasSize(1);
        JsonNode line = ((Json.Parsed.Ok) Json.parse(lines.get(0))).value();
        assertThat(line.get("tool").asText()).isEqualTo("mipl-hil");
        assertThat(line.get("bench").asText()).isEqualTo("registration");
        assertThat(line.get("via").asText()).isEqualTo("container");
        assertThat(line.get("count").asInt()).as("both registrations reached event 6: " + line).isEqualTo(2);
        assertThat(line.get("failures").asInt()).isZero();
        assertThat(line.get("warmup").asInt()).isZero();
        for (String f : List.of("median_ms", "p99_ms", "max_ms")) {
            assertThat(line.get(f).isNumber()).as(f).isTrue();
        }
        assertThat(line.has("conditions")).as("no profile on the container way").isFalse();
        JsonNode up = line.get("relay").get("uplink");
        JsonNode down = line.get("relay").get("downlink");
        // two Registers and two De-registers at least went through the relay, none lost: no conditions
        assertThat(up.get("received").asLong()).isGreaterThanOrEqualTo(4);
        assertThat(up.get("dropped").asLong()).isZero();
        assertThat(down.get("delivered").asLong()).isGreaterThanOrEqualTo(4);
        assertThat(down.get("duplicated").asLong()).isZero();
    }

    private static PrintStream print(ByteArrayOutputStream b) {
        return new PrintStream(b, true, StandardCharsets.UTF_8);
    }
}
