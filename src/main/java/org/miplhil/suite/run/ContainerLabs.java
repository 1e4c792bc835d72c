package org.miplhil.suite.run;

import org.miplhil.container.ContainerException;
import org.miplhil.container.Containers;
import org.miplhil.container.DockerStatus;
import org.miplhil.container.LabSettings;
import org.miplhil.container.PlatformLab;

/** Docker through the container package: the engine's status and the lab with its default settings. */
final class ContainerLabs implements ContainerPlatform.Labs {

    private static final java.nio.file.Path PACKAGES = java.nio.file.Path.of("fixtures/firmware/packages");

    /** Bootstrap on, OneNET's timing, the firmware packages served when the project has them (FOTA suites). */
    static final ContainerLabs DEFAULT = new ContainerLabs(java.nio.file.Files.isDirectory(PACKAGES)
            ? LabSettings.defaults().withPackageDir(PACKAGES) : LabSettings.defaults());

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
