package org.miplhil.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Image;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds images with the docker-java client Testcontainers carries, never pulling (the legacy builder with
 * {@code pull=false}: a {@code FROM} names an image built here), and skips the build when the content-hash tag
 * exists already.
 */
public final class ImageBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(ImageBuilder.class);
    static final Duration BUILD_DEADLINE = Duration.ofMinutes(5);

    private final DockerClient docker;
    private final Path workDir;

    /** @param workDir where build contexts are staged ({@code target/docker}) */
    public ImageBuilder(DockerClient docker, Path workDir) {
        this.docker = docker;
        this.workDir = workDir;
    }

    /** A scratch image: reused when its tag exists, else staged under the work directory and built. */
    public BuiltImage ensure(ScratchImage image) throws ContainerException {
        long t0 = System.nanoTime();
        String tag;
        try {
            tag = image.tag();
        } catch (IOException e) {
            throw new ContainerException("cannot hash the files of " + image.name() + ": " + e.getMessage(), e);
        }
        if (exists(tag)) {
            return new BuiltImage(tag, false, since(t0));
        }
        Path context = workDir.resolve(image.name().replace('/', '-'));
        try {
            image.stage(context);
        } catch (IOException e) {
            throw new ContainerException("cannot stage " + tag + " in " + context + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerException("interrupted while staging " + tag, e);
        }
        build(context, tag, Map.of());
        return new BuiltImage(tag, true, since(t0));
    }

    /** Builds {@code context} as {@code tag} unless that tag exists. */
    public BuiltImage ensure(Path context, String tag, Map<String, String> buildArgs) throws ContainerException {
        long t0 = System.nanoTime();
        if (exists(tag)) {
            return new BuiltImage(tag, false, since(t0));
        }
        build(context, tag, buildArgs);
        return new BuiltImage(tag, true, since(t0));
    }

    public boolean exists(String tag) throws ContainerException {
        try {
            docker.inspectImageCmd(tag).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        } catch (RuntimeException e) {
            throw new ContainerException("cannot inspect image " + tag + ": " + e.getMessage(), e);
        }
    }

    private void build(Path context, String tag, Map<String, String> buildArgs) throws ContainerException {
        LOG.info("building {} from {}", tag, context);
        try {
            var cmd = docker.buildImageCmd(context.toFile()).withTags(Set.of(tag)).withPull(false).withRemove(true)
                    .withLabels(Map.of("org.miplhil.image", tag));
            buildArgs.forEach(cmd::withBuildArg);
            String id = cmd.exec(new BuildImageResultCallback())
                    .awaitImageId(BUILD_DEADLINE.toSeconds(), TimeUnit.SECONDS);
            LOG.info("built {} ({})", tag, id);
        } catch (RuntimeException e) {
            throw new ContainerException("building " + tag + " from " + context + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Removes the older images of the repositories {@code keep} names (a lab's engine gathers one app image per
     * build of the code): every tag of those repositories but the ones in {@code keep}. An image a container still
     * uses is left, and said so. One line per image, for the console.
     */
    public List<String> prune(Set<String> keep) throws ContainerException {
        Set<String> repositories = new TreeSet<>();
        keep.forEach(tag -> repositories.add(tag.substring(0, tag.lastIndexOf(':'))));
        List<String> lines = new ArrayList<>();
        try {
            for (Image image : docker.listImagesCmd().exec()) {
                String[] tags = image.getRepoTags() == null ? new String[0] : image.getRepoTags();
                for (String tag : tags) {
                    int colon = tag.lastIndexOf(':');
                    if (colon < 0 || !repositories.contains(tag.substring(0, colon)) || keep.contains(tag)) {
                        continue;
                    }
                    try {
                        docker.removeImageCmd(tag).exec();
                        lines.add(tag + " removed");
                    } catch (ConflictException inUse) {
                        lines.add(tag + " kept: a container uses it");
                    } catch (NotFoundException gone) {
                        lines.add(tag + " gone already");
                    }
                }
            }
        } catch (RuntimeException e) {
            throw new ContainerException("cannot list or remove the project's images: " + e.getMessage(), e);
        }
        return lines;
    }

    private static Duration since(long t0) {
        return Duration.ofNanos(System.nanoTime() - t0);
    }
}
