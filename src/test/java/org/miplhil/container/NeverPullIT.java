package org.miplhil.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * An image that is not here fails in seconds, naming it and how to build it, and nothing is pulled. The proof: the
 * image names a "registry" that is a socket of this test on 127.0.0.1; asking for the image connects nothing to it,
 * while a deliberate pull of the same name does (so the socket would have seen a pull).
 */
@Tag("docker")
@ExtendWith(DockerRequired.class)
class NeverPullIT {

    @Test
    void aMissingImageFailsAtOnceAndTheRegistryIsNeverAsked() throws Exception {
        try (ServerSocket registry = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AtomicInteger connections = new AtomicInteger();
            Thread acceptor = new Thread(() -> {
                while (!registry.isClosed()) {
                    try (Socket s = registry.accept()) {
                        connections.incrementAndGet();
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "fake-registry");
            acceptor.setDaemon(true);
            acceptor.start();
            String absent = "127.0.0.1:" + registry.getLocalPort() + "/mipl-hil/absent:never-built";

            long t0 = System.nanoTime();
            assertThatThrownBy(() -> Containers.container(absent))
                    .isInstanceOf(ContainerException.class)
                    .hasMessageContaining(absent).hasMessageContaining("never pulled")
                    .hasMessageContaining("./mipl-hil images");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("fails in seconds")
                    .isLessThan(Duration.ofSeconds(10));
            // code that reaches Testcontainers without the check: the policy refuses too, and start fails
            GenericContainer<?> direct = new GenericContainer<>(DockerImageName.parse(absent))
                    .withImagePullPolicy(NeverPull.INSTANCE).withStartupAttempts(1);
            assertThatThrownBy(direct::start).isInstanceOf(RuntimeException.class);
            direct.close();
            assertThat(connections.get()).as("connections to the registry of %s", absent).isZero();

            // the control: a pull of that name does reach the socket
            var docker = DockerClientFactory.instance().client();
            try {
                docker.pullImageCmd(absent).start().awaitCompletion(20, TimeUnit.SECONDS);
            } catch (RuntimeException expected) {
                // the fake registry answers nothing: the pull fails, after connecting
            }
            await("the deliberate pull reaching the fake registry").atMost(Duration.ofSeconds(20))
                    .until(() -> connections.get() > 0);
        }
    }
}
