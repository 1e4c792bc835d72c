package org.miplhil.suite.run;

import org.miplhil.container.ContainerException;
import org.miplhil.container.Containers;
import org.miplhil.container.DockerStatus;
import org.miplhil.container.LabSettings;
import org.miplhil.container.PlatformLab;

/** Docker through the container package: the engine's status and the lab with its default settings. */
final class ContainerLabs implements ContainerPlatform.Labs {

    /**
     * Bootstrap on, OneNET's timing, and the project's packages ({@value #PACKAGES}, when the working directory has
     * them) copied into the platform's container for the campaigns the adapter starts through the double's own FOTA
     * call (the {@code fota} step names a package by its file name).
     */
    static final String PACKAGES = "fixtures/firmware/packages";
    static final ContainerLabs DEFAULT = new ContainerLabs(java.nio.file.Files.isDirectory(java.nio.file.Path.of(PACKAGES))
            ? LabSettings.defaults().withPackageDir(java.nio.file.Path.of(PACKAGES)) : LabSettings.defaults());

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
