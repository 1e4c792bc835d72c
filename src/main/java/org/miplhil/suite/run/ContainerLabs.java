package org.miplhil.suite.run;

import org.miplhil.container.ContainerException;
import org.miplhil.container.DockerStatus;
import org.miplhil.container.PlatformLab;

/**
 * TEMPORARY adapter: the container package's entry points ({@code Containers.docker()},
 * {@code Containers.startPlatformLab(LabSettings)}) are not on this branch yet; until they are, this build says so
 * as the reason Docker is unavailable, and {@code --platform container} exits 2 with it.
 */
final class ContainerLabs implements ContainerPlatform.Labs {

    static final ContainerLabs DEFAULT = new ContainerLabs();

    private ContainerLabs() {
    }

    @Override
    public DockerStatus docker() {
        return DockerStatus.down("this build has no container support (org.miplhil.container.Containers is missing)");
    }

    @Override
    public PlatformLab start() throws ContainerException {
        throw new ContainerException("this build has no container support (org.miplhil.container.Containers)");
    }
}
