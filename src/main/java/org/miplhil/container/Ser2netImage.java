package org.miplhil.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The {@code mipl-hil/ser2net:<hash>} image: this machine's ser2net (Debian's package), the gensio modules it loads,
 * the shared libraries {@code ldd} names for them (with the dynamic loader) and busybox-static, {@code FROM scratch}
 * ({@code src/main/docker/ser2net/Dockerfile}). The tag is a hash of the Dockerfile and every file's bytes, so a
 * second build finds the image and builds nothing; an image is never pulled.
 */
public final class Ser2netImage {

    private static final Logger LOG = LoggerFactory.getLogger(Ser2netImage.class);
    static final String REPOSITORY = "mipl-hil/ser2net";
    static final Path SER2NET = Path.of("/usr/sbin/ser2net");
    static final Path BUSYBOX = Path.of("/bin/busybox");
    static final String DOCKERFILE = "src/main/docker/ser2net/Dockerfile";
    /** The gensio modules a {@code tcp} accepter and a {@code serialdev} connector need (telnet for rfc2217). */
    static final List<String> GENSIO_MODULES = List.of("libgensio_net.so", "libgensio_serialdev.so",
            "libgensio_telnet.so");
    private static final List<Path> GENSIO_ROOTS = List.of(Path.of("/usr/libexec"), Path.of("/usr/lib"),
            Path.of("/usr/local/libexec"), Path.of("/usr/local/lib"));
    // "libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x...)" and the loader's "/lib64/ld-linux-x86-64.so.2 (0x...)"
    private static final Pattern LDD_PATH = Pattern.compile("(?:=>\\s*)?(/\\S+)\\s+\\(0x");

    private Ser2netImage() {
    }

    /** The image's tag, built first if Docker does not have it. */
    public static String ensure() throws ContainerException {
        Map<String, Path> files = contextFiles();
        String dockerfile = dockerfile();
        String tag = REPOSITORY + ":" + hash(dockerfile, files);
        DockerClient docker = DockerClientFactory.instance().client();
        try {
            docker.inspectImageCmd(tag).exec();
            return tag;
        } catch (NotFoundException missing) {
            LOG.info("building {} from {} files", tag, files.size());
        }
        ImageFromDockerfile image = new ImageFromDockerfile(tag, false).withFileFromString("Dockerfile", dockerfile);
        files.forEach((inImage, onHost) -> image.withFileFromPath("root" + inImage, onHost));
        try {
            image.get(5, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new ContainerException("building " + tag + " failed: " + e.getMessage(), e);
        }
        return tag;
    }

    /** Path in the image → file on this machine: ser2net, its gensio modules, their libraries, busybox. */
    static Map<String, Path> contextFiles() throws ContainerException {
        if (!Files.isExecutable(SER2NET)) {
            throw new ContainerException("no ser2net at " + SER2NET + " to put in the image: install Debian's "
                    + "ser2net package (apt-get install ser2net)");
        }
        if (!Files.isExecutable(BUSYBOX)) {
            throw new ContainerException("no busybox at " + BUSYBOX + " to put in the image: install Debian's "
                    + "busybox-static package");
        }
        Map<String, Path> files = new TreeMap<>();
        List<Path> binaries = new java.util.ArrayList<>();
        binaries.add(SER2NET);
        binaries.addAll(gensioModules());
        for (Path binary : binaries) {
            files.put(binary.toString(), real(binary));
            for (Path lib : ldd(binary)) {
                files.put(lib.toString(), real(lib));
            }
        }
        files.put(BUSYBOX.toString(), real(BUSYBOX));
        return files;
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

    /** The absolute paths {@code ldd} names for a binary, the dynamic loader included. */
    static List<Path> ldd(Path binary) throws ContainerException {
        String out;
        try {
            Process p = new ProcessBuilder("ldd", binary.toString()).redirectErrorStream(true).start();
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new ContainerException("ldd " + binary + " failed: " + out.strip());
            }
        } catch (IOException e) {
            throw new ContainerException("cannot run ldd on " + binary + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerException("interrupted running ldd on " + binary, e);
        }
        List<String> missing = out.lines().filter(l -> l.contains("=> not found")).map(String::strip).toList();
        if (!missing.isEmpty()) {
            throw new ContainerException("ldd " + binary + ": libraries not found: " + missing);
        }
        return lddPaths(out);
    }

    /** The paths in {@code ldd}'s output (pure: no I/O). */
    static List<Path> lddPaths(String lddOutput) {
        List<Path> paths = new java.util.ArrayList<>();
        for (String line : lddOutput.split("\n")) {
            Matcher m = LDD_PATH.matcher(line.strip());
            if (m.find()) {
                paths.add(Path.of(m.group(1)));
            }
        }
        return paths;
    }

    static String dockerfile() throws ContainerException {
        Path onDisk = Path.of(DOCKERFILE);
        try {
            if (Files.isRegularFile(onDisk)) {
                return Files.readString(onDisk, StandardCharsets.UTF_8);
            }
            try (InputStream in = Ser2netImage.class.getResourceAsStream("/docker/ser2net/Dockerfile")) {
                if (in != null) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        } catch (IOException e) {
            throw new ContainerException("cannot read the ser2net Dockerfile: " + e.getMessage(), e);
        }
        throw new ContainerException("no ser2net Dockerfile at " + onDisk.toAbsolutePath()
                + " (run from the mipl-hil checkout)");
    }

    static String hash(String dockerfile, Map<String, Path> files) throws ContainerException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(dockerfile.getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, Path> f : new TreeMap<>(files).entrySet()) {
                sha.update(f.getKey().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(Files.readAllBytes(f.getValue()));
                sha.update((byte) (Files.isExecutable(f.getValue()) ? 1 : 0));
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new ContainerException("cannot read a file of the ser2net image: " + e.getMessage(), e);
        }
    }

    private static Path real(Path p) throws ContainerException {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            throw new ContainerException("cannot resolve " + p + " for the ser2net image: " + e.getMessage(), e);
        }
    }
}
