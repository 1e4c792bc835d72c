package org.miplhil.suite;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.miplhil.yaml.LoadResult;
import org.miplhil.yaml.Problem;

/**
 * Finds and loads suite files. Everything a run or {@code lint} needs before touching a module: every problem of
 * every file, as a {@link Problem}. Never throws on bad input.
 */
public final class SuiteLoader {

    /** What loading some paths gave: the files read, the valid suites, every problem, the cases counted. */
    public record Loaded(List<Path> files, List<Suite> suites, List<Problem> problems, int cases) {
        public Loaded {
            files = List.copyOf(files);
            suites = List.copyOf(suites);
            problems = List.copyOf(problems);
        }

        /** Nothing was read: no file, no problem. */
        public static Loaded nothing() {
            return new Loaded(List.of(), List.of(), List.of(), 0);
        }

        /** No error (warnings may remain). */
        public boolean ok() {
            return problems.stream().noneMatch(Problem::isError);
        }

        /** The problems as printed, {@code file:line:column: message}. */
        public List<String> errors() {
            return problems.stream().map(Problem::toString).toList();
        }
    }

    private SuiteLoader() {}

    /** One suite file; fixture names resolved as {@link FixtureFiles} says. */
    public static LoadResult<Suite> load(Path file) {
        return check(file).result();
    }

    /** One suite file, with the number of cases it holds even when it has problems. */
    public static SuiteParser.Outcome check(Path file) {
        String name = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            return new SuiteParser.Outcome(LoadResult.invalid(name, "not UTF-8 text"), 0);
        } catch (IOException | RuntimeException e) {
            return new SuiteParser.Outcome(LoadResult.invalid(name, "cannot read the suite: " + e.getMessage()), 0);
        }
        return SuiteParser.parse(file, name, text, FixtureFiles.forSuite(file));
    }

    /** Every suite file under the paths (directories searched for *.yaml and *.yml, in name order). */
    public static Loaded loadAll(List<Path> paths) {
        List<Problem> errors = new ArrayList<>();
        List<Path> files = find(paths, errors);
        List<Suite> suites = new ArrayList<>();
        int cases = 0;
        for (Path f : files) {
            SuiteParser.Outcome o = check(f);
            cases += o.cases();
            errors.addAll(o.result().problems());
            if (o.result() instanceof LoadResult.Ok<Suite> ok) {
                suites.add(ok.value());
            }
        }
        return new Loaded(files, suites, errors, cases);
    }

    /** Suite files named by the paths; a path that does not exist is reported. */
    public static List<Path> find(List<Path> paths, List<Problem> errors) {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isRegularFile(p)) {
                files.add(p);
            } else if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile)
                            .filter(f -> f.getFileName().toString().endsWith(".yaml") || f.getFileName().toString().endsWith(".yml"))
                            .filter(f -> !hidden(p.relativize(f)))
                            .sorted()
                            .forEach(files::add);
                } catch (IOException | RuntimeException e) {
                    errors.add(Problem.inFile(p, "cannot list the directory: " + e.getMessage()));
                }
            } else {
                errors.add(Problem.inFile(p, "no such file or directory"));
            }
        }
        return files;
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
