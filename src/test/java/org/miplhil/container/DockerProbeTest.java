package org.miplhil.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link Containers#docker()} says when there is no engine to talk to, within its deadline. */
class DockerProbeTest {

    @Test
    void aMissingSocketIsNamedInTheReason(@TempDir Path dir) {
        Path socket = dir.resolve("docker.sock");
        DockerStatus s = Containers.docker(Map.of("DOCKER_HOST", "unix://" + socket));
        assertThat(s.available()).isFalse();
        assertThat(s.reason()).contains(socket.toString()).contains("does not exist");
    }

    @Test
    void aSilentEngineEndsAtTheDeadlineWithAReason() throws IOException {
        // accepts the connection and never answers: the probe must give up, not hang
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            long t0 = System.nanoTime();
            DockerStatus s = Containers.docker(Map.of("DOCKER_HOST", "tcp://127.0.0.1:" + silent.getLocalPort()));
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            assertThat(s.available()).isFalse();
            assertThat(s.reason()).contains("no answer").contains("127.0.0.1:" + silent.getLocalPort());
            assertThat(took).as("bounded by the probe's deadline").isLessThan(DockerProbe.DEADLINE.multipliedBy(3));
        }
    }

    @Test
    void aClosedTcpPortIsNoEngine() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        DockerStatus s = Containers.docker(Map.of("DOCKER_HOST", "tcp://127.0.0.1:" + port));
        assertThat(s.available()).isFalse();
        assertThat(s.reason()).contains("no Docker engine at tcp://127.0.0.1:" + port);
    }

    @Test
    void withoutTestcontainersSettingsTheReasonSaysWhichAreMissing() {
        assertThat(Containers.missingSettings(Map.of())).contains("TESTCONTAINERS_RYUK_DISABLED=true");
        assertThat(Containers.missingSettings(Map.of("TESTCONTAINERS_RYUK_DISABLED", "true",
                "TESTCONTAINERS_HOST_OVERRIDE", "localhost"))).isNull();
    }
}
