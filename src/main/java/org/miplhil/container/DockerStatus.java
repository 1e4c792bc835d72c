package org.miplhil.container;

/**
 * Whether a Docker engine answers here, and if not why (no client, no daemon, permission): what a run or a skipped
 * test says when containers are needed.
 */
public record DockerStatus(boolean available, String reason) {

    public static DockerStatus up(String version) {
        return new DockerStatus(true, "Docker " + version);
    }

    public static DockerStatus down(String reason) {
        return new DockerStatus(false, reason);
    }
}
