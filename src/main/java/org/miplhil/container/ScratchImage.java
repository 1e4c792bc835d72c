package org.miplhil.container;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A {@code FROM scratch} image from files of this machine: the given files and trees, {@code busybox-static} as
 * {@code /bin/busybox} with a few applet links, and every shared library {@code ldd} names for the given binaries
 * (with the dynamic loader), each at the path {@code ldd} names. The tag is {@code NAME:<content hash>}, so
 * {@link ImageBuilder#ensure} builds it once and reuses it after. Reusable by any image of the project (ser2net's
 * too): {@code ScratchImage.named("mipl-hil/ser2net").file(Path.of("/usr/sbin/ser2net"), "/usr/sbin/ser2net")
 * .libsOf(Path.of("/usr/sbin/ser2net")).dockerfileTail("ENTRYPOINT [\"/usr/sbin/ser2net\", \"-d\"]")}.
 */
public final class ScratchImage {

    static final Path BUSYBOX = Path.of("/usr/bin/busybox");
    private static final List<String> APPLETS = List.of("sh", "ls", "cat", "ps", "env", "mkdir", "sleep", "wget",
            "nc", "netstat", "kill", "ip", "ping", "hostname", "tail");

    private final String name;
    /** Container path → host file or directory. */
    private final Map<String, Path> files = new LinkedHashMap<>();
    private final List<Path> lddOf = new ArrayList<>();
    private final List<String> tail = new ArrayList<>();
    private String keyHint = "";
    private Path dockerfile;

    private ScratchImage(String name) {
        this.name = Objects.requireNonNull(name);
        if (!name.startsWith("mipl-hil")) {
            throw new IllegalArgumentException("images of the project are named mipl-hil/...: " + name);
        }
    }

    /** An image named {@code name} (prefix {@code mipl-hil}), tagged with its content hash. */
    public static ScratchImage named(String name) {
        return new ScratchImage(name);
    }

    /** Copies a file or a directory tree of this machine to {@code containerPath}. */
    public ScratchImage file(Path host, String containerPath) {
        if (!containerPath.startsWith("/")) {
            throw new IllegalArgumentException("container paths are absolute: " + containerPath);
        }
        files.put(containerPath, host);
        return this;
    }

    /** Adds the shared libraries {@code ldd} names for this ELF binary, or for every ELF file under a directory. */
    public ScratchImage libsOf(Path binaryOrTree) {
        lddOf.add(binaryOrTree);
        return this;
    }

    /**
     * The Dockerfile to build with (a project file such as {@code src/main/docker/base/Dockerfile}) instead of the
     * generated one; it must {@code COPY rootfs/ /}.
     */
    public ScratchImage dockerfile(Path file) {
        this.dockerfile = file;
        return this;
    }

    /** Dockerfile lines after the files: ENTRYPOINT, ENV, WORKDIR... */
    public ScratchImage dockerfileTail(String... lines) {
        tail.addAll(List.of(lines));
        return this;
    }

    /**
     * Replaces hashing the files' contents by a key the caller vouches for (e.g. the JDK version and module list
     * of a jlink runtime): the tag is then known before the files exist.
     */
    public ScratchImage contentKey(String key) {
        this.keyHint = key;
        return this;
    }

    public String name() {
        return name;
    }

    /** The Dockerfile this image is built from. */
    String dockerfile() throws IOException {
        if (dockerfile != null) {
            return Files.readString(dockerfile);
        }
        StringBuilder sb = new StringBuilder("FROM scratch\nCOPY rootfs/ /\n");
        sb.append("RUN [\"/bin/busybox\", \"chmod\", \"1777\", \"/tmp\"]\n");
        sb.append("ENV PATH=/bin:/usr/bin:/usr/sbin\n");
        for (String line : tail) {
            sb.append(line).append('\n');
        }
        return sb.toString();
    }

    /** {@code name:<first 16 hex digits of the content hash>}. */
    String tag() throws IOException {
        MessageDigest md = sha256();
        md.update(dockerfile().getBytes(StandardCharsets.UTF_8));
        md.update(keyHint.getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, Path> e : files.entrySet()) {
            md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
            if (keyHint.isEmpty()) {
                // no key: the files' contents and the binaries ldd looks at make the tag
                hashTree(md, e.getKey(), e.getValue());
            }
        }
        if (keyHint.isEmpty()) {
            for (Path p : lddOf) {
                hashTree(md, p.toString(), p);
            }
        }
        hashTree(md, "/bin/busybox", BUSYBOX);
        return name + ":" + HexFormat.of().formatHex(md.digest()).substring(0, 16);
    }

    /** Writes the build context (Dockerfile and rootfs/) into {@code dir}, emptied first. */
    void stage(Path dir) throws IOException, InterruptedException {
        Staging.deleteTree(dir);
        Path rootfs = dir.resolve("rootfs");
        Files.createDirectories(rootfs.resolve("tmp"));
        for (Map.Entry<String, Path> e : files.entrySet()) {
            Staging.copyTree(e.getValue(), rootfs.resolve(e.getKey().substring(1)));
        }
        if (!Files.isExecutable(BUSYBOX)) {
            throw new IOException(BUSYBOX + " is missing: apt-get install busybox-static (.ci/run installs it)");
        }
        Path bin = Files.createDirectories(rootfs.resolve("bin"));
        Files.copy(BUSYBOX, bin.resolve("busybox"), StandardCopyOption.REPLACE_EXISTING);
        for (String applet : APPLETS) {
            Path link = bin.resolve(applet);
            if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(link, Path.of("busybox"));
            }
        }
        TreeSet<String> libs = new TreeSet<>();
        for (Path p : lddOf) {
            for (Path elf : Staging.elfFiles(p)) {
                libs.addAll(ldd(elf));
            }
        }
        for (String lib : libs) {
            Path normal = Path.of(lib).normalize();
            if (lddOf.stream().anyMatch(tree -> normal.startsWith(tree.toAbsolutePath().normalize()))) {
                continue; // the runtime's own libraries ($ORIGIN), copied with it
            }
            Path target = rootfs.resolve(lib.substring(1));
            Files.createDirectories(target.getParent());
            // the real file under the name ldd gives (the loader follows names, not links)
            Files.copy(Path.of(lib).toRealPath(), target, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(dir.resolve("Dockerfile"), dockerfile());
    }

    /** The absolute paths {@code ldd} prints for an ELF file (libraries and the loader). */
    static List<String> ldd(Path elf) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ldd", elf.toString()).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("ldd " + elf + " did not finish within 30 s");
        }
        List<String> paths = new ArrayList<>();
        for (String line : out.split("\n")) {
            for (String word : line.trim().split("\\s+")) {
                if (word.startsWith("/")) {
                    if (line.contains("not found")) {
                        throw new IOException("ldd " + elf + ": " + line.trim());
                    }
                    paths.add(word);
                    break;
                }
            }
        }
        return paths;
    }

    private static void hashTree(MessageDigest md, String name, Path host) throws IOException {
        if (!Files.exists(host)) {
            throw new IOException("no such file for the image: " + host);
        }
        try (Stream<Path> s = Files.walk(host)) {
            for (Path p : s.sorted().toList()) {
                md.update((name + "/" + host.relativize(p)).getBytes(StandardCharsets.UTF_8));
                if (Files.isRegularFile(p)) {
                    md.update(Long.toString(Files.size(p)).getBytes(StandardCharsets.US_ASCII));
                    try (InputStream in = Files.newInputStream(p)) {
                        byte[] buf = new byte[1 << 16];
                        for (int n; (n = in.read(buf)) > 0; ) {
                            md.update(buf, 0, n);
                        }
                    }
                }
            }
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
