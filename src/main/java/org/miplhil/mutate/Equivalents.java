package org.miplhil.mutate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.miplhil.yaml.LoadResult;
import org.miplhil.yaml.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;

/**
 * {@code fixtures/faults/equivalent.yaml}: the surviving mutants the note allows, each with the sentence that
 * allows it.
 * <pre>
 * - mutant: 'delay-within-deadline/*'   # a mutant id, or a glob of ids (* any text, ? one character)
 *   reason: "the note's sentence (Chinese is fine) — an English gloss"
 *   section: "5.7"                      # where the note says it
 * </pre>
 * An empty list ({@code []}) or a file of comments only: none. An entry that names no generated mutant is an error
 * (stale: the generator no longer makes that mutant). Problems are {@code file:line:column: message}; never throws.
 */
public final class Equivalents {

    /** The file's name in a fault-plan directory; {@code PlanFile.load} skips it. */
    public static final String FILE_NAME = org.miplhil.selfcheck.PlanFile.EQUIVALENTS;

    /** One entry: the id or glob, the note's sentence, its section, and where the entry is. */
    public record Entry(String mutant, String reason, String section, String position) {

        /** Whether the entry names this mutant id. */
        public boolean matches(String id) {
            return glob(mutant).matcher(id).matches();
        }
    }

    private static final Pattern SECTION = Pattern.compile("\\d+(\\.\\d+)*");
    private static final List<String> KEYS = List.of("mutant", "reason", "section");

    private final List<Entry> entries;

    private Equivalents(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static Equivalents none() {
        return new Equivalents(List.of());
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The first entry that names the mutant, if any. */
    public Optional<Entry> find(String mutantId) {
        return entries.stream().filter(e -> e.matches(mutantId)).findFirst();
    }

    /**
     * A missing file is no equivalents; {@code generatedIds}: every id of the generated space, for the stale check
     * (empty: no generator in this build, no stale check).
     */
    public static LoadResult<Equivalents> load(Path file, Optional<Collection<String>> generatedIds) {
        if (!Files.exists(file)) {
            return new LoadResult.Ok<>(none());
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return LoadResult.invalid(file, "cannot read the list of equivalent mutants: " + e.getMessage());
        }
        return parse(file.toString(), text, generatedIds);
    }

    public static LoadResult<Equivalents> parse(String fileName, String text,
                                                Optional<Collection<String>> generatedIds) {
        YamlDocument doc = YamlDocument.compose(fileName, text);
        if (doc.root().isEmpty()) {
            boolean onlyComments = doc.problems().size() == 1
                    && doc.problems().get(0).message().equals("the file is empty");
            return onlyComments ? new LoadResult.Ok<>(none()) : new LoadResult.Invalid<>(doc.problems());
        }
        List<Entry> entries = new ArrayList<>();
        doc.sequence(doc.root().get(), "the list of equivalent mutants").ifPresent(items -> {
            int i = 0;
            for (Node item : items) {
                String what = "entry " + i++;
                doc.mapping(item, what).ifPresent(m -> {
                    Optional<String> mutant = m.required("mutant").flatMap(n -> doc.string(n, "'mutant'"));
                    Optional<String> reason = m.required("reason").flatMap(n -> doc.string(n, "'reason'"));
                    Optional<String> section = m.required("section").flatMap(n -> doc.string(n, "'section'"));
                    m.finish(KEYS);
                    if (reason.isPresent() && reason.get().isBlank()) {
                        doc.error(m.valueNode("reason"), "'reason' must give the note's sentence that allows the"
                                + " behaviour");
                        return;
                    }
                    if (section.isPresent() && !SECTION.matcher(section.get()).matches()) {
                        doc.error(m.valueNode("section"), "'section' must be a section of the note such as 5.7,"
                                + " found '" + section.get() + "'");
                        return;
                    }
                    if (mutant.isEmpty() || reason.isEmpty() || section.isEmpty()) {
                        return;
                    }
                    Entry e = new Entry(mutant.get(), reason.get().strip(), section.get(),
                            doc.position(m.valueNode("mutant")));
                    if (generatedIds.isPresent() && generatedIds.get().stream().noneMatch(e::matches)) {
                        doc.error(m.valueNode("mutant"), "'" + e.mutant() + "' names no generated mutant (stale"
                                + " entry: remove it, or name the mutant as ./mipl-hil mutate --list prints it)");
                        return;
                    }
                    entries.add(e);
                });
            }
        });
        return doc.result(new Equivalents(entries));
    }

    /** A glob of mutant ids as a pattern: {@code *} any text (slashes too), {@code ?} one character. */
    public static Pattern glob(String glob) {
        StringBuilder b = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> b.append(".*");
                case '?' -> b.append('.');
                default -> b.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(b.toString());
    }
}
