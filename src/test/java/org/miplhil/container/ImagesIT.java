package org.miplhil.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The project's images build from the running jar, and a second build reuses them. */
@Tag("docker")
@ExtendWith(DockerRequired.class)
class ImagesIT {

    @Test
    void theImagesBuildAndASecondRunReusesEveryOne() throws ContainerException {
        ProjectImages images = ProjectImages.ofRunningJar();
        List<BuiltImage> first = images.ensureAll();
        assertThat(first).extracting(BuiltImage::tag).satisfiesExactly(
                t -> assertThat(t).matches("mipl-hil/base:[0-9a-f]{16}"),
                t -> assertThat(t).matches("mipl-hil/app:[0-9a-f]{16}"),
                t -> assertThat(t).matches("mipl-hil/platform:[0-9a-f]{16}"),
                t -> assertThat(t).matches("mipl-hil/relay:[0-9a-f]{16}"));

        List<BuiltImage> second = images.ensureAll();
        assertThat(second).as("same inputs, same tags").extracting(BuiltImage::tag)
                .containsExactlyElementsOf(first.stream().map(BuiltImage::tag).toList());
        assertThat(second).as("nothing rebuilt: %s", second).noneMatch(BuiltImage::built);
        assertThat(images.list()).as("--list sees them").noneMatch(l -> l.contains("missing"));
    }

    @Test
    void pruneRemovesTheOlderTagsOfTheImagesAndKeepsTheCurrentOnes() throws Exception {
        ProjectImages images = ProjectImages.ofRunningJar();
        List<BuiltImage> current = images.ensureAll();
        String relay = current.get(3).tag();
        String older = "mipl-hil/relay:0000000000000000";
        String other = "mipl-hil-unrelated/relay:0000000000000000"; // another repository: never touched
        docker("tag", relay, older);
        docker("tag", relay, other);
        try {
            List<String> lines = images.prune(current);
            assertThat(lines).contains(older + " removed").noneMatch(l -> l.startsWith(relay) || l.contains(other));
            assertThat(docker("images", "-q", older).trim()).as("older tag gone").isEmpty();
            assertThat(docker("images", "-q", relay).trim()).as("current tag kept").isNotEmpty();
            assertThat(docker("images", "-q", other).trim()).as("unrelated repository kept").isNotEmpty();
        } finally {
            docker("rmi", other);
        }
    }

    @Test
    void theBaseRuntimeRunsJavaAndBusybox() throws Exception {
        String base = ProjectImages.ofRunningJar().ensureAll().get(0).tag();
        String out = docker("run", "--rm", "--entrypoint", "/bin/sh", base, "-c",
                "java -version 2>&1; java --list-modules; busybox | head -1");
        assertThat(out).contains("openjdk version \"17").contains("jdk.httpserver").contains("jdk.unsupported")
                .contains("BusyBox");
    }

    @Test
    void theRuntimesModulesCoverWhatJdepsFindsInTheJarAndItsLibraries() throws Exception {
        Path jar = ProjectImages.runningJar();
        String jdeps = Path.of(System.getProperty("java.home"), "bin", "jdeps").toString();
        String out = run(List.of(jdeps, "--multi-release", "17", "--ignore-missing-deps", "--print-module-deps",
                "--class-path", jar.resolveSibling("lib") + "/*", jar.toString())).trim();
        List<String> needed = Arrays.stream(out.split(",")).map(String::trim).toList();
        assertThat(needed).as("jdeps said: %s", out).contains("java.base");
        assertThat(JavaRuntime.MODULES).containsAll(needed);
    }

    static String docker(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("docker"));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(cmd + " did not finish within 3 min: " + out);
        }
        assertThat(p.exitValue()).as("%s: %s", cmd, out).isZero();
        return out;
    }
}
