package org.miplhil.suite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.miplhil.yaml.LoadResult;

/** A project tree in a temporary directory (suites/, fixtures/) and a parser that names the suite {@code s.yaml}. */
final class SuiteFixture {

    final Path root;
    final Path suites;

    SuiteFixture(Path root) {
        this.root = root;
        this.suites = root.resolve("suites");
        try {
            Files.createDirectories(suites);
            Files.createDirectories(root.resolve("fixtures/objects"));
            Files.createDirectories(root.resolve("fixtures/faults"));
            Files.createDirectories(root.resolve("fixtures/firmware"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        write("fixtures/objects/light.yaml", """
                objects:
                  - id: 3311
                    name: Light Control
                    resources:
                      - {id: 5850, name: On/Off, type: boolean, operations: RW}
                    instances:
                      - id: 0
                        values: {5850: true}
                """);
        write("fixtures/faults/slow.yaml", "faults:\n  - on: command\n    match: '^AT'\n    action: delay\n    value: 6s\n");
        try { // the project's own profile, also the default one
            Files.copy(Path.of("fixtures/firmware/bc260y-cn.yaml"), root.resolve("fixtures/firmware/bc260y-cn.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void write(String relative, String text) {
        try {
            Path p = root.resolve(relative);
            Files.createDirectories(p.getParent());
            Files.writeString(p, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String read(String relative) {
        try {
            return Files.readString(root.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    SuiteParser.Outcome outcome(String text) {
        return SuiteParser.parse(suites.resolve("s.yaml"), "s.yaml", text, new FixtureFiles(suites, root, root));
    }

    LoadResult<Suite> parse(String text) {
        return outcome(text).result();
    }

    Suite valid(String text) {
        LoadResult<Suite> r = parse(text);
        if (!r.isOk()) {
            throw new AssertionError("expected a valid suite, got:\n" + String.join("\n", r.errors()));
        }
        return r.orElseThrow();
    }
}
