package org.miplhil.container;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code jlink} runtime made from the running JDK's jmods, cached under {@code target/docker/jre-<key>} where the
 * key hashes the JDK's version and the module list: made once (about 10 s), then reused.
 */
final class JavaRuntime {

    /**
     * What the jar and target/lib need: jdeps' answer over them ({@code java.base, java.compiler, java.desktop,
     * java.management, java.naming, java.net.http, java.security.jgss, java.sql, jdk.httpserver, jdk.management,
     * jdk.unsupported};
     * ImagesIT checks the list still covers it) and what reflection and services need:
     * jdk.unsupported (Californium, Netty: sun.misc.Unsafe), jdk.crypto.ec (TLS with EC keys, OneNET's API),
     * java.logging (java.sql's), java.naming and java.xml (XML object models); jdk.management: bench fleet's process CPU
     * time (com.sun.management).
     */
    static final List<String> MODULES = List.of("java.base", "java.compiler", "java.desktop", "java.logging",
            "java.management", "java.naming", "java.net.http", "java.security.jgss", "java.sql", "java.xml",
            "jdk.crypto.ec", "jdk.httpserver", "jdk.management", "jdk.unsupported");

    private JavaRuntime() {
    }

    static String key() {
        String text = System.getProperty("java.vm.version") + "|" + System.getProperty("java.home") + "|"
                + String.join(",", MODULES);
        return HexFormat.of().formatHex(ScratchImage.sha256().digest(text.getBytes(StandardCharsets.UTF_8)))
                .substring(0, 16);
    }

    /** The runtime's directory, made now unless the cache has it. */
    static Path ensure(Path workDir) throws ContainerException {
        Path out = workDir.resolve("jre-" + key());
        if (Files.isRegularFile(out.resolve("release")) && Files.isExecutable(out.resolve("bin/java"))) {
            return out;
        }
        Path javaHome = Path.of(System.getProperty("java.home"));
        Path jmods = javaHome.resolve("jmods");
        Path jlink = javaHome.resolve("bin/jlink");
        if (!Files.isDirectory(jmods) || !Files.isExecutable(jlink)) {
            throw new ContainerException("the JDK at " + javaHome + " has no jmods/ or jlink: the base image needs"
                    + " a full JDK 17 (Debian: openjdk-17-jdk)");
        }
        try {
            Staging.deleteTree(out);
            Files.createDirectories(out.getParent());
            Path tmp = workDir.resolve("jre-" + key() + ".partial");
            Staging.deleteTree(tmp);
            Process p = new ProcessBuilder(jlink.toString(), "--module-path", jmods.toString(), "--add-modules",
                    String.join(",", MODULES), "--strip-debug", "--no-header-files", "--no-man-pages",
                    "--compress=2", "--output", tmp.toString()).redirectErrorStream(true).start();
            String log;
            try (InputStream in = p.getInputStream()) {
                log = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(3, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new ContainerException("jlink failed: " + log);
            }
            Files.move(tmp, out);
            return out;
        } catch (IOException e) {
            throw new ContainerException("cannot make the jlink runtime in " + out + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerException("interrupted while running jlink", e);
        }
    }
}
