package org.miplhil.compare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

import org.miplhil.compare.QualificationRules.MeasurementRule;
import org.miplhil.compare.QualificationRules.Regressions;
import org.miplhil.yaml.LoadResult;
import org.miplhil.yaml.Problem;
import org.miplhil.yaml.YamlDocument;

/** Loads verdict rules with {@code file:line:column} problems; never throws. */
public final class RulesLoader {

    public static final String MARKER = "qualification";
    private static final List<String> TOP = List.of(MARKER, "description", "required-tags", "regressions",
            "measurements", "repeats");

    private RulesLoader() {
    }

    /** A rules file declares itself with a top-level {@code qualification:} key (for lint). */
    public static boolean isRulesFile(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .anyMatch(l -> l.startsWith(MARKER + ":"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    public static LoadResult<QualificationRules> load(Path file) {
        try {
            return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return LoadResult.invalid(file, "cannot read the rules: " + e.getMessage());
        }
    }

    public static List<Problem> validate(Path file) {
        return load(file).problems();
    }

    public static LoadResult<QualificationRules> parse(String fileName, String text) {
        YamlDocument doc = YamlDocument.compose(fileName, text);
        if (doc.root().isEmpty()) {
            return doc.result(null);
        }
        Optional<YamlDocument.MappingReader> top = doc.mapping(doc.root().get(), "the rules file");
        if (top.isEmpty()) {
            return doc.result(null);
        }
        YamlDocument.MappingReader m = top.get();
        m.required(MARKER).flatMap(n -> doc.integer(n, MARKER + " (the format version)", 1, 1).isPresent()
                ? Optional.of(n) : Optional.empty());
        String description = m.optional("description").flatMap(n -> doc.string(n, "description")).orElse("");
        List<String> tags = m.optional("required-tags").map(n -> strings(doc, n, "required-tags")).orElse(List.of());
        Regressions regressions = m.optional("regressions").map(n -> regressions(doc, n))
                .orElse(new Regressions(false, List.of(), List.of()));
        List<MeasurementRule> measurements = new ArrayList<>();
        m.optional("measurements").flatMap(n -> doc.sequence(n, "measurements"))
                .ifPresent(list -> list.forEach(n -> measurement(doc, n).ifPresent(measurements::add)));
        int repeats = 0;
        Optional<Node> rep = m.optional("repeats");
        if (rep.isPresent()) {
            Optional<YamlDocument.MappingReader> r = doc.mapping(rep.get(), "repeats");
            if (r.isPresent()) {
                repeats = (int) r.get().required("per-module").map(n -> doc.integer(n, "repeats.per-module", 1,
                        10_000).orElse(0)).orElse(0L).longValue();
                r.get().finish(List.of("per-module"));
            }
        }
        m.finish(TOP);
        return doc.result(new QualificationRules(fileName, description, tags, regressions, measurements, repeats));
    }

    private static Regressions regressions(YamlDocument doc, Node n) {
        Optional<YamlDocument.MappingReader> r = doc.mapping(n, "regressions");
        if (r.isEmpty()) {
            return new Regressions(false, List.of(), List.of());
        }
        boolean allowed = r.get().optional("allowed").flatMap(x -> doc.bool(x, "regressions.allowed")).orElse(false);
        List<String> tags = r.get().optional("allowed-tags").map(x -> strings(doc, x, "regressions.allowed-tags"))
                .orElse(List.of());
        List<String> suites = r.get().optional("allowed-suites")
                .map(x -> strings(doc, x, "regressions.allowed-suites")).orElse(List.of());
        r.get().finish(List.of("allowed", "allowed-tags", "allowed-suites"));
        return new Regressions(allowed, tags, suites);
    }

    private static Optional<MeasurementRule> measurement(YamlDocument doc, Node n) {
        Optional<YamlDocument.MappingReader> r = doc.mapping(n, "a measurement rule");
        if (r.isEmpty()) {
            return Optional.empty();
        }
        YamlDocument.MappingReader m = r.get();
        String name = m.optional("name").flatMap(x -> doc.string(x, "name")).orElse(null);
        Pattern pattern = null;
        Optional<Node> p = m.optional("pattern");
        if (p.isPresent()) {
            Optional<String> text = doc.string(p.get(), "pattern");
            try {
                pattern = text.map(Pattern::compile).orElse(null);
            } catch (PatternSyntaxException e) {
                doc.error(p.get(), "pattern is not a regular expression: " + e.getDescription());
            }
        }
        if ((name == null) == (pattern == null) && !doc.hasErrors()) {
            doc.error(n, "a measurement rule needs exactly one of name and pattern");
        }
        Optional<Double> max = m.optional("max").flatMap(x -> quantity(doc, x, "max"));
        Optional<Double> p95 = m.optional("p95-max").flatMap(x -> quantity(doc, x, "p95-max"));
        Optional<Double> shift = m.optional("max-shift").flatMap(x -> percent(doc, x));
        if (max.isEmpty() && p95.isEmpty() && shift.isEmpty() && !doc.hasErrors()) {
            doc.error(n, "a measurement rule needs max, p95-max or max-shift");
        }
        m.finish(List.of("name", "pattern", "max", "p95-max", "max-shift"));
        if (name == null && pattern == null) {
            return Optional.empty();
        }
        return Optional.of(new MeasurementRule(name, pattern, max, p95, shift, n.getStartMark().getLine() + 1));
    }

    /** A number in the measurement's unit, or a duration ({@code 2s}, {@code 500ms}) for a duration in ms. */
    private static Optional<Double> quantity(YamlDocument doc, Node n, String what) {
        if (n instanceof ScalarNode s && s.getValue().matches("[0-9.]+\\s*(ms|s|min)")) {
            return doc.duration(n, what).map(d -> d.toNanos() / 1e6);
        }
        return doc.number(n, what + " (a number in the measurement's unit, or a duration such as 2s)")
                .map(java.math.BigDecimal::doubleValue);
    }

    private static Optional<Double> percent(YamlDocument doc, Node n) {
        if (n instanceof ScalarNode s && s.getValue().matches("\\d+(\\.\\d+)?\\s*%")) {
            return Optional.of(Double.parseDouble(s.getValue().replace("%", "").strip()));
        }
        doc.error(n, "max-shift must be a percentage such as 30%, found " + YamlDocument.describe(n));
        return Optional.empty();
    }

    private static List<String> strings(YamlDocument doc, Node n, String what) {
        List<String> out = new ArrayList<>();
        doc.sequence(n, what).ifPresent(list -> list.forEach(x -> doc.string(x, "an entry of " + what)
                .ifPresent(out::add)));
        return out;
    }
}
