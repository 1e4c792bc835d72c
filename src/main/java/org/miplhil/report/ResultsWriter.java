package org.miplhil.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.miplhil.json.Json;

/**
 * The run's machine-readable results for {@code ./mipl-hil compare}: {@code REPORT/results.json}, rewritten after
 * every suite so an interrupted run leaves what it finished. A module of a fleet writes
 * {@code results/<module>.json}, and {@code results.json} is then the union of those files (one entry of
 * {@code runs} per module). The profile used is copied to {@code REPORT/profile.yaml} (a second, different profile
 * of a fleet to {@code profile-<sha256 prefix>.yaml}); each run entry names its copy. A case's tags are written twice:
 * as its suite wrote them ({@code suiteTags}: what --tags and the verdict rules match) and as the report labels them
 * ({@code tags}).
 */
public final class ResultsWriter implements ReportSink {

    /** The format of results.json; a reader refuses a newer one. */
    public static final int FORMAT = 1;
    public static final String FILE = "results.json";
    public static final String PROFILE_COPY = "profile.yaml";
    /** The profile the virtual module uses when neither a suite nor --profile names one. */
    static final String DEFAULT_PROFILE = "fixtures/firmware/bc260y-cn.yaml";

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ResultsWriter.class);
    private static final Object FILES = new Object(); // modules of one fleet share results.json

    private final ReportLayout layout;
    private final List<SuiteResult> suites = new ArrayList<>();
    private RunInfo run = RunInfo.builder().build();
    private java.time.Instant start = java.time.Instant.now();

    public ResultsWriter(ReportLayout layout) {
        this.layout = layout;
    }

    @Override
    public synchronized void runStarted(RunInfo info) {
        run = info;
        start = java.time.Instant.now();
        suites.clear();
    }

    @Override
    public synchronized void suiteFinished(SuiteResult result) {
        suites.add(result);
        write(run);
    }

    @Override
    public synchronized void runFinished(RunResult result) {
        run = result.info();
        start = result.start();
        write(run);
    }

    private void write(RunInfo info) {
        ObjectNode entry = runEntry(info);
        synchronized (FILES) {
            try {
                Files.createDirectories(layout.root());
                if (layout.module().isEmpty()) {
                    ObjectNode doc = Json.object().put("format", FORMAT);
                    doc.putArray("runs").add(entry);
                    Files.writeString(layout.root().resolve(FILE), Json.writePretty(doc), StandardCharsets.UTF_8);
                    return;
                }
                Path dir = layout.root().resolve("results");
                Files.createDirectories(dir);
                Files.writeString(dir.resolve(ReportLayout.fileName(layout.module()) + ".json"),
                        Json.writePretty(entry), StandardCharsets.UTF_8);
                mergeModules(dir);
            } catch (IOException | RuntimeException e) {
                LOG.warn("cannot write {} under {}: {}", FILE, layout.root(), e.toString());
            }
        }
    }

    /** results.json of a fleet: every module's entry, in module-name order. */
    private void mergeModules(Path dir) throws IOException {
        ObjectNode doc = Json.object().put("format", FORMAT);
        ArrayNode runs = doc.putArray("runs");
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                if (Json.parse(Files.readString(f, StandardCharsets.UTF_8)) instanceof Json.Parsed.Ok ok) {
                    runs.add(ok.value());
                }
            }
        }
        Files.writeString(layout.root().resolve(FILE), Json.writePretty(doc), StandardCharsets.UTF_8);
    }

    private ObjectNode runEntry(RunInfo info) {
        ObjectNode r = Json.object();
        r.put("module", layout.module());
        r.put("target", info.target());
        r.put("firmwareRevision", info.firmwareRevision());
        String profile = info.profile();
        if (profile.isEmpty() && info.target().startsWith("sim") && Files.isRegularFile(Path.of(DEFAULT_PROFILE))) {
            profile = DEFAULT_PROFILE;
        }
        r.put("profile", profile);
        ProfileCopy copy = copyProfile(profile);
        r.put("profileSha256", copy.sha256());
        r.put("profileCopy", copy.file());
        r.put("start", start.toString());
        ObjectNode extra = r.putObject("extra");
        info.extra().forEach(extra::put);
        ArrayNode cases = r.putArray("cases");
        for (SuiteResult s : suites) {
            for (CaseResult c : s.cases()) {
                cases.add(caseEntry(s.info(), c));
            }
        }
        return r;
    }

    private ObjectNode caseEntry(SuiteInfo suite, CaseResult c) {
        ObjectNode o = Json.object();
        o.put("suite", suite.name());
        o.put("id", c.info().id());
        o.put("name", c.info().name());
        o.put("module", layout.module());
        o.put("status", c.status().lowerCase());
        o.put("durationMs", c.duration().toMillis());
        o.put("failure", c.failure() == null ? "" : c.failure().message());
        ArrayNode tags = o.putArray("tags");
        c.info().allTags().forEach(tags::add);
        ArrayNode written = o.putArray("suiteTags");
        c.info().suiteTags().forEach(written::add);
        ArrayNode ms = o.putArray("measurements");
        for (MeasurementRow row : c.allMeasurements()) {
            Measurement m = row.measurement();
            ObjectNode mo = ms.addObject();
            mo.put("name", m.name());
            putNumber(mo, "value", m.value());
            putNumber(mo, "low", m.low());
            putNumber(mo, "high", m.high());
            mo.put("unit", m.unit());
            mo.put("step", row.stepPath());
        }
        Path transcript = layout.transcript(suite, c.info());
        o.put("transcript", c.transcript().isEmpty() ? ""
                : layout.root().relativize(transcript).toString().replace('\\', '/'));
        return o;
    }

    private static void putNumber(ObjectNode o, String key, Double v) {
        if (v == null || v.isNaN() || v.isInfinite()) {
            o.putNull(key);
        } else {
            o.put(key, v);
        }
    }

    private record ProfileCopy(String file, String sha256) {
    }

    /** Copies the profile once per distinct content; never throws. */
    private ProfileCopy copyProfile(String profile) {
        if (profile.isEmpty()) {
            return new ProfileCopy("", "");
        }
        try {
            Path source = Path.of(profile);
            if (!Files.isRegularFile(source)) {
                return new ProfileCopy("", "");
            }
            String sha = sha256(Files.readAllBytes(source));
            Path main = layout.root().resolve(PROFILE_COPY);
            Path target = main;
            if (Files.isRegularFile(main) && !sha256(Files.readAllBytes(main)).equals(sha)) {
                target = layout.root().resolve("profile-" + sha.substring(0, 12) + ".yaml");
            }
            if (!Files.isRegularFile(target)) {
                Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return new ProfileCopy(target.getFileName().toString(), sha);
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot copy the profile {}: {}", profile, e.toString());
            return new ProfileCopy("", "");
        }
    }

    /**
     * The SHA-256 of a file's content in hex, empty when it cannot be read: the one digest of a profile, for
     * results.json's {@code profileSha256} and the report environment's {@code profile.sha256} alike.
     */
    public static Optional<String> sha256(Path file) {
        try {
            return Optional.of(sha256(Files.readAllBytes(file)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
