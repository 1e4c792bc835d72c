package org.miplhil.container;

import org.testcontainers.images.ImagePullPolicy;
import org.testcontainers.utility.DockerImageName;

/** No image registry is reachable: every image is built here ({@code ./mipl-hil images}), none is ever pulled. */
final class NeverPull implements ImagePullPolicy {

    static final NeverPull INSTANCE = new NeverPull();

    @Override
    public boolean shouldPull(DockerImageName imageName) {
        return false;
    }
}
