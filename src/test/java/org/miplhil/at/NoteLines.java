package org.miplhil.at;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the note-lines resource files: {@code KIND<TAB>text} per line, {@code #} comments. */
final class NoteLines {

    enum Kind { CMD, INFO, FINAL, URC }

    /** One line of the note; {@code pending} is the command awaiting its final result at that point (null if none). */
    record Entry(String file, int lineNo, Kind kind, String text, String pending) {
        String canonical() {
            return MiplNames.canonicalLine(text);
        }

        String canonicalPending() {
            return pending == null ? null : MiplNames.canonicalLine(pending);
        }

        @Override
        public String toString() {
            return file + ":" + lineNo + " " + kind + " " + text;
        }
    }

    static final List<String> FILES = List.of("ch3.txt", "ch5.txt", "ch7.txt");

    private NoteLines() {}

    static List<Entry> load(String file) {
        String content;
        try (InputStream in = NoteLines.class.getResourceAsStream("/note-lines/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource note-lines/" + file);
            }
            content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        List<Entry> out = new ArrayList<>();
        String pending = null;
        String[] lines = content.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            if (l.isBlank() || l.startsWith("#")) {
                continue;
            }
            int tab = l.indexOf('\t');
            if (tab < 0) {
                throw new IllegalStateException(file + ":" + (i + 1) + ": no tab in \"" + l + "\"");
            }
            Kind kind = Kind.valueOf(l.substring(0, tab));
            String text = l.substring(tab + 1);
            if (kind == Kind.CMD) {
                pending = text;
            }
            out.add(new Entry(file, i + 1, kind, text, kind == Kind.CMD ? null : pending));
            if (kind == Kind.FINAL) {
                pending = null;
            }
        }
        return out;
    }

    static List<Entry> all() {
        List<Entry> out = new ArrayList<>();
        FILES.forEach(f -> out.addAll(load(f)));
        return out;
    }
}
