package org.miplhil.release;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.miplhil.yaml.LoadResult;
import org.miplhil.yaml.Problem;
import org.miplhil.yaml.YamlDocument;
import org.miplhil.yaml.YamlDocument.MappingReader;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads release files ({@code ./mipl-hil qualify RELEASE.yaml}; the format is in docs/qualification-release.md and
 * {@code fixtures/qualification/schema/release.schema.json}). Paths are relative to the working directory, like the
 * command line's. Every problem — an unknown key, a wrong type, a missing file, racks and {@code parallel} both,
 * a fault plan for a rack — is reported as {@code file:line:column: message}, all in one pass. Never throws.
 */
public final class ReleaseLoader {

    static final List<String> TOP_KEYS = List.of("release", "firmware", "racks", "parallel", "suites", "tags",
            "repeat", "rules", "out", "threshold", "dfota", "notes");
    static final List<String> FIRMWARE_KEYS = List.of("baseline", "candidate");
    static final List<String> SIDE_KEYS = List.of("revision", "image", "report", "faults", "profile");
    static final String DEFAULT_TAGS = "!slow";
    static final Path DEFAULT_OUT = Path.of("reports", "release");
    private static final Pattern THRESHOLD = Pattern.compile("\\d+(\\.\\d+)?%");

    private ReleaseLoader() {
    }

    public static LoadResult<ReleaseFile> load(Path file) {
        try {
            return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8), Path.of(""));
        } catch (IOException e) {
            return LoadResult.invalid(file, "cannot read the release file: " + e.getMessage());
        }
    }

    /** Whether lint should read a YAML file as a release file: its first mapping has the key {@code release}. */
    public static boolean isReleaseFile(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        if (!(name.endsWith(".yaml") || name.endsWith(".yml")) || !Files.isRegularFile(file)) {
            return false;
        }
        try {
            return Pattern.compile("(?m)^release\\s*:").matcher(Files.readString(file, StandardCharsets.UTF_8))
                    .find();
        } catch (IOException e) {
            return false;
        }
    }

    /** Every problem of a release file; empty when it is valid (for lint). */
    public static List<Problem> validate(Path file) {
        return load(file).problems();
    }

    /** @param baseDir the directory relative paths resolve against for the existence checks */
    public static LoadResult<ReleaseFile> parse(String fileName, String text, Path baseDir) {
        YamlDocument doc = YamlDocument.compose(fileName, text);
        if (doc.root().isEmpty()) {
            return new LoadResult.Invalid<>(doc.problems());
        }
        Optional<MappingReader> top = doc.mapping(doc.root().get(), "the release file");
        if (top.isEmpty()) {
            return new LoadResult.Invalid<>(doc.problems());
        }
        MappingReader t = top.get();
        FileCheck files = new FileCheck(doc, baseDir);
        String name = t.required("release").flatMap(n -> doc.string(n, "release")).orElse("");
        Optional<ReleaseFile.Firmware>[] sides = sides(doc, t, files);
        List<Path> racks = new ArrayList<>();
        t.optional("racks").flatMap(n -> doc.sequence(n, "racks")).ifPresent(list -> list.forEach(
                r -> files.existing(r, "a rack file", false).ifPresent(racks::add)));
        int parallel = 1;
        Optional<Node> parallelNode = t.optional("parallel");
        if (parallelNode.isPresent()) {
            parallel = (int) doc.integer(parallelNode.get(), "parallel", 1, 64).orElse(1);
            if (t.has("racks")) {
                doc.error(t.keyNode("parallel"), "racks: and parallel: both: the modules are a rack's or virtual,"
                        + " not both (leave parallel: out with racks)");
            }
        }
        List<Path> suites = new ArrayList<>();
        Optional<Node> suitesNode = t.required("suites");
        suitesNode.flatMap(n -> doc.sequence(n, "suites")).ifPresent(list -> list.forEach(
                s -> files.existing(s, "a suite file or directory", true).ifPresent(suites::add)));
        if (suitesNode.isPresent() && suites.isEmpty() && !doc.hasErrors()) {
            doc.error(suitesNode.get(), "suites: names no suite file or directory");
        }
        String tags = t.optional("tags").flatMap(n -> doc.string(n, "tags")).orElse(DEFAULT_TAGS);
        int repeat = (int) t.optional("repeat").map(n -> doc.integer(n, "repeat", 1, 1000).orElse(1)).orElse(1L)
                .longValue();
        Optional<Path> rules = t.required("rules").flatMap(n -> files.existing(n, "the rules file", false));
        Path out = t.optional("out").flatMap(n -> doc.string(n, "out")).map(Path::of).orElse(DEFAULT_OUT);
        Optional<String> threshold = t.optional("threshold").flatMap(n -> {
            Optional<String> s = doc.string(n, "threshold");
            if (s.isPresent() && !THRESHOLD.matcher(s.get()).matches()) {
                doc.error(n, "threshold must be a percentage such as 30%, found '" + s.get() + "'");
                return Optional.empty();
            }
            return s;
        });
        boolean dfota = t.optional("dfota").map(n -> doc.bool(n, "dfota").orElse(true)).orElse(true);
        t.optional("notes").ifPresent(n -> doc.string(n, "notes"));
        t.finish(TOP_KEYS);
        if (!racks.isEmpty()) {
            for (var side : sides) {
                side.flatMap(ReleaseFile.Firmware::faults).ifPresent(f -> doc.error(t.keyNode("racks"),
                        "faults: " + f + " stands for a firmware on virtual modules only; on racks the modules run"
                                + " the real firmware (leave racks: out to run virtual modules)"));
            }
        }
        if (doc.hasErrors() || sides[0].isEmpty() || sides[1].isEmpty() || rules.isEmpty()) {
            return new LoadResult.Invalid<>(doc.problems());
        }
        return doc.result(new ReleaseFile(name, sides[0].get(), sides[1].get(), racks, parallel, suites, tags,
                repeat, rules.get(), out, threshold, dfota));
    }

    @SuppressWarnings("unchecked")
    private static Optional<ReleaseFile.Firmware>[] sides(YamlDocument doc, MappingReader t, FileCheck files) {
        Optional<ReleaseFile.Firmware>[] sides = new Optional[] {Optional.empty(), Optional.empty()};
        Optional<MappingReader> fw = t.required("firmware").flatMap(n -> doc.mapping(n, "firmware"));
        if (fw.isEmpty()) {
            return sides;
        }
        sides[0] = fw.get().required("baseline").flatMap(n -> side(doc, n, "firmware.baseline", files));
        sides[1] = fw.get().required("candidate").flatMap(n -> side(doc, n, "firmware.candidate", files));
        fw.get().finish(FIRMWARE_KEYS);
        return sides;
    }

    private static Optional<ReleaseFile.Firmware> side(YamlDocument doc, Node node, String what, FileCheck files) {
        Optional<MappingReader> m = doc.mapping(node, what);
        if (m.isEmpty()) {
            return Optional.empty();
        }
        MappingReader s = m.get();
        Optional<String> revision = s.required("revision").flatMap(n -> doc.string(n, what + ".revision"))
                .filter(r -> {
                    if (r.isBlank()) {
                        doc.error(s.valueNode("revision"), what + ".revision must not be empty");
                    }
                    return !r.isBlank();
                });
        Optional<Path> image = s.optional("image").flatMap(n -> files.existing(n, what + ".image", false));
        Optional<Path> report = s.optional("report").flatMap(n -> files.existing(n, what + ".report", true));
        Optional<Path> faults = s.optional("faults").flatMap(n -> files.existing(n, what + ".faults", false));
        Optional<Path> profile = s.optional("profile").flatMap(n -> files.existing(n, what + ".profile", false));
        if (what.endsWith("candidate") && report.isPresent()) {
            doc.error(s.keyNode("report"), "the candidate is run, not taken from a report (report: is for the"
                    + " baseline)");
        }
        if (report.isPresent() && faults.isPresent()) {
            doc.error(s.keyNode("faults"), what + ": faults: changes a run, and report: means no run");
        }
        s.finish(SIDE_KEYS);
        if (report.isPresent() && profile.isPresent()) {
            doc.error(s.keyNode("profile"), what + ": profile: changes a run, and report: means no run");
        }
        return revision.map(r -> new ReleaseFile.Firmware(r, image, report, faults, profile));
    }

    /** Paths that must exist, each error at its node. */
    private record FileCheck(YamlDocument doc, Path baseDir) {
        Optional<Path> existing(Node node, String what, boolean directoryAllowed) {
            Optional<String> s = doc.string(node, what);
            if (s.isEmpty()) {
                return Optional.empty();
            }
            Path p = Path.of(s.get());
            Path resolved = baseDir.resolve(p);
            boolean ok = java.nio.file.Files.isRegularFile(resolved)
                    || (directoryAllowed && java.nio.file.Files.isDirectory(resolved));
            if (!ok) {
                doc.error(node, what + ": no " + (directoryAllowed ? "file or directory " : "file ") + s.get()
                        + " (paths are relative to the working directory)");
                return Optional.empty();
            }
            return Optional.of(p);
        }
    }
}
