package org.miplhil.suite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a suite's file names point. A name starting with {@code ./} or {@code ../} is relative to the suite file's
 * directory; an absolute name is used as it is; any other name ({@code fixtures/objects/light.yaml}) is relative to
 * the project root: the nearest directory above the suite file that holds a {@code fixtures} directory (the suite's
 * own directory when there is none).
 */
public final class FixtureFiles {

    /** The firmware profile read for {@code ${profile...}} when a suite names none (relative to the project root). */
    public static final String DEFAULT_PROFILE = "fixtures/firmware/bc260y-cn.yaml";

    private final Path suiteDir;
    private final Path projectRoot;
    private final Path workingDir;

    public FixtureFiles(Path suiteDir, Path projectRoot, Path workingDir) {
        this.suiteDir = suiteDir.toAbsolutePath().normalize();
        this.projectRoot = projectRoot.toAbsolutePath().normalize();
        this.workingDir = workingDir.toAbsolutePath().normalize();
    }

    /** The resolver for a suite file, with the project root found above it and names shown relative to the working directory. */
    public static FixtureFiles forSuite(Path suiteFile) {
        Path dir = suiteFile.toAbsolutePath().normalize().getParent();
        return new FixtureFiles(dir, projectRootAbove(dir), Path.of(""));
    }

    /** The nearest directory from {@code dir} upwards that holds a {@code fixtures} directory; {@code dir} if none. */
    public static Path projectRootAbove(Path dir) {
        for (Path d = dir.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("fixtures"))) {
                return d;
            }
        }
        return dir.toAbsolutePath().normalize();
    }

    public Path suiteDir() {
        return suiteDir;
    }

    public Path projectRoot() {
        return projectRoot;
    }

    /** The path a name written in the suite points to (whether or not it exists); empty if it cannot be a path. */
    public Optional<Path> resolve(String written) {
        try {
            return Optional.of(resolvePath(written));
        } catch (java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
    }

    private Path resolvePath(String written) {
        Path p = Path.of(written);
        if (p.isAbsolute()) {
            return p.normalize();
        }
        if (written.startsWith("./") || written.startsWith("../") || written.equals(".") || written.equals("..")) {
            return suiteDir.resolve(p).normalize();
        }
        return projectRoot.resolve(p).normalize();
    }

    public boolean isFile(Path p) {
        return Files.isRegularFile(p);
    }

    /** The file's text; empty when it cannot be read. */
    public Optional<String> read(Path p) {
        try {
            return Optional.of(Files.readString(p, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** How to name a file in a message: relative to the working directory when below it. */
    public String display(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        String shown = abs.startsWith(workingDir) ? workingDir.relativize(abs).toString() : abs.toString();
        return shown.isEmpty() ? "." : shown;
    }
}
