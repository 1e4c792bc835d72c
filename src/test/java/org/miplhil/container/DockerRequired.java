package org.miplhil.container;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For Docker-backed tests ({@code @Tag("docker") @ExtendWith(DockerRequired.class)}, run as {@code *IT}): without a
 * usable Docker the class is skipped with {@link Containers#docker()}'s reason, except in CI (the environment
 * variable {@code CI} set, as {@code .ci/run} does), where it fails: a Docker that did not start is no silent skip.
 */
public final class DockerRequired implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        require();
    }

    /** The same check for a single test. */
    public static void require() {
        DockerStatus status = Containers.docker();
        if (status.available()) {
            return;
        }
        if (System.getenv("CI") != null) {
            throw new AssertionError("Docker is required in CI: " + status.reason());
        }
        Assumptions.abort("Docker is not usable: " + status.reason());
    }
}
