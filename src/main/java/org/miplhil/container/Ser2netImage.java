package org.miplhil.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The {@code mipl-hil/ser2net:<hash>} image: this machine's ser2net (Debian's package), the gensio modules it loads,
 * the shared libraries {@code ldd} names for them (with the dynamic loader) and busybox-static, {@code FROM scratch}
 * ({@code src/main/docker/ser2net/Dockerfile}), staged and built by {@link ScratchImage} and {@link ImageBuilder}:
 * the tag is a hash of the Dockerfile and every file, so a second build finds the image and builds nothing; an
 * image is never pulled.
 */
public final class Ser2netImage {

    static final String NAME = Containers.PREFIX + "/ser2net";
    static final Path SER2NET = Path.of("/usr/sbin/ser2net");
    static final String DOCKERFILE = "src/main/docker/ser2net/Dockerfile";
    /** The gensio modules a {@code tcp} accepter and a {@code serialdev} connector need (telnet for rfc2217). */
    static final List<String> GENSIO_MODULES = List.of("libgensio_net.so", "libgensio_serialdev.so",
            "libgensio_telnet.so");
    private static final List<Path> GENSIO_ROOTS = List.of(Path.of("/usr/libexec"), Path.of("/usr/lib"),
            Path.of("/usr/local/libexec"), Path.of("/usr/local/lib"));

    private Ser2netImage() {
    }

    /** The image's tag, built first if Docker does not have it (from the checkout in the working directory). */
    public static BuiltImage ensure() throws ContainerException {
        return ensure(Path.of("").toAbsolutePath());
    }

    /** The image's tag, built first if Docker does not have it; {@code root} is the mipl-hil checkout. */
    public static BuiltImage ensure(Path root) throws ContainerException {
        Path dockerfile = root.resolve(DOCKERFILE);
        if (!Files.isRegularFile(dockerfile)) {
            throw new ContainerException("no ser2net Dockerfile at " + dockerfile + " (run from the mipl-hil "
                    + "checkout)");
        }
        if (!Files.isExecutable(SER2NET)) {
            throw new ContainerException("no ser2net at " + SER2NET + " to put in the image: install Debian's "
                    + "ser2net package (apt-get install ser2net; .ci/run installs it)");
        }
        ScratchImage image = ScratchImage.named(NAME).dockerfile(dockerfile).file(real(SER2NET), SER2NET.toString())
                .libsOf(SER2NET);
        for (Path module : gensioModules()) {
            // at gensio's own path: ser2net loads its modules from the directory it was built with
            image.file(real(module), module.toString()).libsOf(module);
        }
        return new ImageBuilder(Containers.client(), root.resolve("target/docker")).ensure(image);
    }

    /** The gensio modules ser2net loads at run time from gensio's versioned module directory. */
    static List<Path> gensioModules() throws ContainerException {
        for (Path root : GENSIO_ROOTS) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.find(root, 4, (p, a) -> p.getFileName().toString()
                    .equals("libgensio_serialdev.so") && p.getParent().getParent().getFileName().toString()
                    .equals("gensio"))) {
                Optional<Path> serialdev = walk.findFirst();
                if (serialdev.isPresent()) {
                    Path dir = serialdev.get().getParent();
                    return GENSIO_MODULES.stream().map(dir::resolve).filter(Files::isRegularFile).toList();
                }
            } catch (IOException e) {
                throw new ContainerException("cannot look for gensio's modules under " + root + ": " + e, e);
            }
        }
        // an older gensio has its modules built in: ser2net alone is enough
        return List.of();
    }

    private static Path real(Path p) throws ContainerException {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            throw new ContainerException("cannot resolve " + p + " for the ser2net image: " + e.getMessage(), e);
        }
    }
}
