package org.miplhil.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.miplhil.suite.SuiteLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./mipl-hil lint [PATH...]}: validates suites without running them. */
@Command(name = "lint",
        mixinStandardHelpOptions = true,
        description = {"Validates suite files without running them: every problem as file:line:column: message.",
                "Exit status 0 when every file is valid, 2 otherwise."})
public final class LintCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "Suite files or directories searched for *.yaml / *.yml (default: suites/).")
    List<Path> paths;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Path> targets = paths == null || paths.isEmpty() ? List.of(Path.of("suites")) : paths;
        SuiteLoader.Loaded loaded = SuiteLoader.loadAll(targets);
        for (String e : loaded.errors()) {
            out.println(e);
        }
        int files = loaded.files().size();
        out.println(count(files, "file") + ", " + count(loaded.cases(), "case") + ", "
                + count(loaded.errors().size(), "error"));
        if (files == 0 && loaded.errors().isEmpty()) {
            out.println("no suite files (*.yaml, *.yml) under " + targets);
            out.flush();
            return 2;
        }
        out.flush();
        return loaded.ok() ? 0 : 2;
    }

    private static String count(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
