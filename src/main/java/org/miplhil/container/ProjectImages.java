package org.miplhil.container;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The project's images, from its Dockerfiles under {@code src/main/docker/} and the jar of the running code:
 * {@code mipl-hil/base} (FROM scratch: jlink runtime, ldd's libraries, busybox), {@code mipl-hil/app} (the jar and
 * lib/ on it, one layer for both), {@code mipl-hil/platform} and {@code mipl-hil/relay} (an entry point each). Every
 * tag is a content hash: an unchanged input reuses the image in milliseconds.
 */
public final class ProjectImages {

    public static final String BASE = "mipl-hil/base";
    public static final String APP = "mipl-hil/app";
    public static final String PLATFORM = "mipl-hil/platform";
    public static final String RELAY = "mipl-hil/relay";

    private final Path root;
    private final Path jar;
    private final ImageBuilder builder;
    private final Path workDir;

    private ProjectImages(Path root, Path jar, ImageBuilder builder, Path workDir) {
        this.root = root;
        this.jar = jar;
        this.builder = builder;
        this.workDir = workDir;
    }

    /** The images of the jar this code runs from ({@code <project>/target/mipl-hil.jar}). */
    public static ProjectImages ofRunningJar() throws ContainerException {
        Path jar = runningJar();
        Path root = jar.getParent().getParent();
        if (!Files.isDirectory(root.resolve("src/main/docker"))) {
            throw new ContainerException("no src/main/docker/ in " + root + ": images are built from the project's "
                    + "Dockerfiles beside target/mipl-hil.jar; run from the project's clone");
        }
        Path work = root.resolve("target/docker");
        return new ProjectImages(root, jar, new ImageBuilder(Containers.client(), work), work);
    }

    /** The jar the running code comes from; a clear failure when it runs from a class directory. */
    static Path runningJar() throws ContainerException {
        Path where;
        try {
            where = Path.of(ProjectImages.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new ContainerException("cannot tell where the running code comes from: " + e.getMessage(), e);
        }
        if (Files.isDirectory(where)) {
            throw new ContainerException("the running code comes from " + where + ", not from a jar: images are "
                    + "built from the jar of the running code (target/mipl-hil.jar). Build it with ./mvnw package; "
                    + "Docker-backed tests are *IT (failsafe, after package), and ./mipl-hil images runs the jar");
        }
        if (!Files.isDirectory(where.resolveSibling("lib"))) {
            throw new ContainerException("no lib/ beside " + where + ": ./mvnw package copies the dependencies there");
        }
        return where;
    }

    /** Base, app, platform and relay, in that order, each built now or reused. */
    public List<BuiltImage> ensureAll() throws ContainerException {
        List<BuiltImage> out = new ArrayList<>();
        BuiltImage base = base();
        out.add(base);
        BuiltImage app = app(base.tag());
        out.add(app);
        out.add(entry(PLATFORM, "platform", app.tag()));
        out.add(entry(RELAY, "relay", app.tag()));
        return out;
    }

    /** Removes the older tags of the images {@code current} names, keeping those (see {@link ImageBuilder#prune}). */
    public List<String> prune(List<BuiltImage> current) throws ContainerException {
        return builder.prune(current.stream().map(BuiltImage::tag).collect(java.util.stream.Collectors.toSet()));
    }

    /**
     * One line per image: its tag and whether it is here, building nothing. The tags after a missing one depend on
     * what it would be built from, so a missing base shows the app's as unknown.
     */
    public List<String> list() throws ContainerException {
        List<String> out = new ArrayList<>();
        String base = tagOf(baseImage(Path.of(System.getProperty("java.home"))));
        out.add(line(base));
        String app = APP + ":" + hash(base, root.resolve("src/main/docker/app/Dockerfile"), appInputs());
        out.add(line(app));
        out.add(line(PLATFORM + ":" + hash(app, root.resolve("src/main/docker/platform/Dockerfile"), List.of())));
        out.add(line(RELAY + ":" + hash(app, root.resolve("src/main/docker/relay/Dockerfile"), List.of())));
        return out;
    }

    private String line(String tag) throws ContainerException {
        return tag + (builder.exists(tag) ? "" : " (missing: ./mipl-hil images builds it)");
    }

    /** The platform's image tag (building what is missing). */
    public String platform() throws ContainerException {
        return entry(PLATFORM, "platform", app(base().tag()).tag()).tag();
    }

    /** The relay's image tag (building what is missing). */
    public String relay() throws ContainerException {
        return entry(RELAY, "relay", app(base().tag()).tag()).tag();
    }

    BuiltImage base() throws ContainerException {
        long t0 = System.nanoTime();
        ScratchImage probe = baseImage(Path.of(System.getProperty("java.home")));
        // the tag needs no jlink run: the runtime is keyed by JDK version and module list
        String tag = tagOf(probe);
        if (builder.exists(tag)) {
            return new BuiltImage(tag, false, java.time.Duration.ofNanos(System.nanoTime() - t0));
        }
        Path jre = JavaRuntime.ensure(workDir);
        BuiltImage built = builder.ensure(baseImage(jre));
        return new BuiltImage(built.tag(), built.built(), java.time.Duration.ofNanos(System.nanoTime() - t0));
    }

    private ScratchImage baseImage(Path jre) {
        // the content key stands for the runtime: the tag is known before jlink runs
        return ScratchImage.named(BASE).dockerfile(root.resolve("src/main/docker/base/Dockerfile"))
                .file(jre, "/opt/java")
                .contentKey("jre-" + JavaRuntime.key()).libsOf(jre);
    }

    private static String tagOf(ScratchImage image) throws ContainerException {
        try {
            return image.tag();
        } catch (IOException e) {
            throw new ContainerException("cannot hash " + image.name() + ": " + e.getMessage(), e);
        }
    }

    private BuiltImage app(String baseTag) throws ContainerException {
        Path dockerfile = root.resolve("src/main/docker/app/Dockerfile");
        List<Path> inputs = appInputs();
        String tag = APP + ":" + hash(baseTag, dockerfile, inputs);
        if (builder.exists(tag)) {
            return builder.ensure(workDir, tag, Map.of());
        }
        Path context = workDir.resolve("mipl-hil-app");
        try {
            Staging.deleteTree(context);
            Files.createDirectories(context.resolve("app/lib"));
            Files.copy(dockerfile, context.resolve("Dockerfile"));
            Files.copy(jar, context.resolve("app/mipl-hil.jar"));
            for (Path lib : inputs.subList(1, inputs.size())) {
                Files.copy(lib, context.resolve("app/lib").resolve(lib.getFileName()));
            }
        } catch (IOException e) {
            throw new ContainerException("cannot stage " + tag + " in " + context + ": " + e.getMessage(), e);
        }
        return builder.ensure(context, tag, Map.of("BASE", baseTag));
    }

    /** The jar, then target/lib's jars in name order. */
    private List<Path> appInputs() throws ContainerException {
        List<Path> inputs = new ArrayList<>();
        inputs.add(jar);
        try (Stream<Path> s = Files.list(jar.resolveSibling("lib"))) {
            inputs.addAll(s.filter(p -> p.toString().endsWith(".jar")).sorted().toList());
        } catch (IOException e) {
            throw new ContainerException("cannot list " + jar.resolveSibling("lib") + ": " + e.getMessage(), e);
        }
        return inputs;
    }

    private BuiltImage entry(String name, String dir, String appTag) throws ContainerException {
        Path dockerfile = root.resolve("src/main/docker").resolve(dir).resolve("Dockerfile");
        String tag = name + ":" + hash(appTag, dockerfile, List.of());
        Path context = workDir.resolve(name.replace('/', '-'));
        try {
            if (!builder.exists(tag)) {
                Staging.deleteTree(context);
                Files.createDirectories(context);
                Files.copy(dockerfile, context.resolve("Dockerfile"));
            }
        } catch (IOException e) {
            throw new ContainerException("cannot stage " + tag + ": " + e.getMessage(), e);
        }
        return builder.ensure(context, tag, Map.of("APP", appTag));
    }

    /**
     * A jar by its entries' names, sizes and CRC-32s (its central directory), not its bytes: a re-packaged jar with
     * the same classes has new timestamps, and would otherwise make a new 40 MB app layer at every build.
     */
    private static void hashJar(MessageDigest md, Path jar) throws IOException {
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
            List<String> lines = new ArrayList<>();
            zip.stream().forEach(e -> lines.add(e.getName() + "|" + e.getSize() + "|" + e.getCrc()));
            lines.sort(null);
            for (String line : lines) {
                md.update(line.getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static String hash(String from, Path dockerfile, List<Path> files) throws ContainerException {
        MessageDigest md = ScratchImage.sha256();
        md.update(from.getBytes(StandardCharsets.UTF_8));
        try {
            md.update(Files.readAllBytes(dockerfile));
            for (Path f : files) {
                md.update(f.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                hashJar(md, f);
            }
        } catch (IOException e) {
            throw new ContainerException("cannot hash " + dockerfile + " and the jars: " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(md.digest()).substring(0, 16);
    }
}
