package org.miplhil.suite.run;

import org.miplhil.container.ContainerException;
import org.miplhil.container.Containers;
import org.miplhil.container.DockerStatus;
import org.miplhil.container.LabSettings;
import org.miplhil.container.PlatformLab;

/** Docker through the container package: the engine's status and the lab with its default settings. */
final class ContainerLabs implements ContainerPlatform.Labs {

    /**
     * Bootstrap on, OneNET's timing, no package directory: FOTA campaigns need the adapter's opt-in for the double's
     * own FOTA call, and a mounted directory makes Testcontainers look for a helper image it cannot pull here.
     */
    static final ContainerLabs DEFAULT = new ContainerLabs(LabSettings.defaults());

    private final LabSettings settings;

    ContainerLabs(LabSettings settings) {
        this.settings = settings;
    }

    @Override
    public DockerStatus docker() {
        return Containers.docker();
    }

    @Override
    public PlatformLab start() throws ContainerException {
        return Containers.startPlatformLab(settings);
    }
}
