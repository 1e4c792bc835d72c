package org.miplhil.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a case is, before it runs: its identity, where it is written, and what it covers.
 *
 * @param id          stable within its suite (the YAML key or a slug of the name)
 * @param name        a sentence: {@code MIPLNOTIFY before registering is rejected with 652}
 * @param description longer text (Markdown), or empty
 * @param sections    sections of the note it checks, e.g. {@code 3.3.15}
 * @param commands    commands or URCs it exercises, e.g. {@code AT+MIPLNOTIFY}
 * @param etsIds      OMA LwM2M enabler test ids, e.g. {@code 301}
 * @param tags        every other tag, e.g. {@code slow}
 * @param sourceFile  the suite file, or empty
 * @param line        line of the case in that file (1-based), or 0
 * @param suiteTags   every tag as the suite file writes it ({@code AT+MIPLOPEN}, {@code doc:3.3.7}, {@code ETS-301}),
 *                    what a tag expression selects on; {@link #allTags()} is the report's form of the same tags
 */
public record CaseInfo(String id, String name, String description, List<String> sections, List<String> commands,
                       List<String> etsIds, List<String> tags, String sourceFile, int line, List<String> suiteTags) {

    public CaseInfo {
        Objects.requireNonNull(name, "name");
        id = id == null || id.isBlank() ? slug(name) : id;
        description = description == null ? "" : description;
        sections = List.copyOf(sections == null ? List.of() : sections);
        commands = List.copyOf(commands == null ? List.of() : commands);
        etsIds = List.copyOf(etsIds == null ? List.of() : etsIds);
        tags = List.copyOf(tags == null ? List.of() : tags);
        sourceFile = sourceFile == null ? "" : sourceFile;
        suiteTags = List.copyOf(suiteTags == null ? List.of() : suiteTags);
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** {@code file:line} when known, else the file, else empty. */
    public String source() {
        if (sourceFile.isEmpty()) {
            return "";
        }
        return line > 0 ? sourceFile + ":" + line : sourceFile;
    }

    /** Every tag as written in a suite: {@code doc:3.3.15}, {@code cmd:AT+MIPLNOTIFY}, {@code ets:301}, plain tags. */
    public List<String> allTags() {
        LinkedHashSet<String> all = new LinkedHashSet<>();
        sections.forEach(s -> all.add("doc:" + s));
        commands.forEach(c -> all.add("cmd:" + c));
        etsIds.forEach(e -> all.add("ets:" + e));
        all.addAll(tags);
        return List.copyOf(all);
    }

    static String slug(String s) {
        String x = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return x.isEmpty() ? "case" : x;
    }

    /** Builds a CaseInfo; {@link #tag(String)} sorts suite tags into sections, commands, ETS ids and the rest. */
    public static final class Builder {
        private String id;
        private final String name;
        private String description = "";
        private final List<String> sections = new ArrayList<>();
        private final List<String> commands = new ArrayList<>();
        private final List<String> etsIds = new ArrayList<>();
        private final List<String> tags = new ArrayList<>();
        private final List<String> written = new ArrayList<>();
        private String sourceFile = "";
        private int line;

        private Builder(String name) {
            this.name = name;
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder section(String section) {
            sections.add(section);
            written.add("doc:" + section);
            return this;
        }

        /** A command or URC, written in a suite as it is ({@code AT+MIPLOPEN}, {@code +MIPLREAD}). */
        public Builder command(String command) {
            commands.add(command);
            written.add(command);
            return this;
        }

        public Builder ets(String etsId) {
            etsIds.add(etsId);
            written.add("ets:" + etsId);
            return this;
        }

        /**
         * A tag as a suite writes it: {@code doc:3.3.15} (a section), {@code cmd:AT+MIPLNOTIFY} or
         * {@code command:...} (a command), {@code ets:301} or {@code ETS-301} (an OMA test id); anything
         * else is kept as a plain tag.
         */
        public Builder tag(String tag) {
            if (tag == null || tag.isBlank()) {
                return this;
            }
            String t = tag.strip();
            written.add(t);
            String lower = t.toLowerCase(Locale.ROOT);
            if (lower.startsWith("doc:")) {
                sections.add(t.substring(4).strip());
            } else if (lower.startsWith("cmd:")) {
                commands.add(t.substring(4).strip());
            } else if (lower.startsWith("command:")) {
                commands.add(t.substring(8).strip());
            } else if (lower.startsWith("ets:")) {
                etsIds.add(t.substring(4).strip());
            } else if (lower.startsWith("ets-") && t.length() > 4) {
                etsIds.add(t.substring(4).strip());
            } else {
                tags.add(t);
            }
            return this;
        }

        public Builder tags(Iterable<String> tags) {
            tags.forEach(this::tag);
            return this;
        }

        public Builder source(String file, int line) {
            this.sourceFile = file;
            this.line = line;
            return this;
        }

        public CaseInfo build() {
            return new CaseInfo(id, name, description, dedupe(sections), dedupe(commands), dedupe(etsIds), dedupe(tags),
                    sourceFile, line, dedupe(written));
        }

        private static List<String> dedupe(List<String> l) {
            return List.copyOf(new LinkedHashSet<>(l));
        }
    }
}
