package org.miplhil.container;

import static org.junit.jupiter.api.Assertions.fail;

import com.github.dockerjava.api.exception.NotFoundException;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;

/**
 * The ser2net tests' Docker check until the shared DockerRequired lands: outside CI a missing engine skips with the
 * reason, in CI (CI=true) it fails.
 */
final class DockerGate {

    private DockerGate() {
    }

    static void require() {
        String reason = null;
        try {
            if (!DockerClientFactory.instance().isDockerAvailable()) {
                reason = "no Docker engine answers (DOCKER_HOST or /var/run/docker.sock)";
            }
        } catch (RuntimeException e) {
            reason = "no Docker engine: " + e.getMessage();
        }
        if (reason == null) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("Docker is required in CI: " + reason);
        }
        Assumptions.abort(reason);
    }

    static boolean containerExists(String name) {
        try {
            DockerClientFactory.instance().client().inspectContainerCmd(name).exec();
            return true;
        } catch (NotFoundException gone) {
            return false;
        }
    }
}
