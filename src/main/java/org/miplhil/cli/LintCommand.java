package org.miplhil.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.miplhil.power.rack.RackLoader;
import org.miplhil.suite.SuiteLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./mipl-hil lint [PATH...]}: validates suites without running them. */
@Command(name = "lint",
        mixinStandardHelpOptions = true,
        description = {"Validates suite files without running them: every problem as file:line:column: message.",
                "Files in a racks/ directory are checked as rack files (fixtures/racks/).",
                "Exit status 0 when every file is valid, 2 otherwise."})
public final class LintCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "Suite or rack files, or directories searched for *.yaml / *.yml (default: suites/).")
    List<Path> paths;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Path> targets = paths == null || paths.isEmpty() ? List.of(Path.of("suites")) : paths;
        List<String> errors = new ArrayList<>();
        List<Path> found = SuiteLoader.find(targets, errors);
        // rack files (in a racks/ directory) have their own format; the rest are suites
        List<Path> racks = found.stream().filter(RackLoader::isRackFile).toList();
        List<Path> suites = found.stream().filter(f -> !RackLoader.isRackFile(f)).toList();
        SuiteLoader.Loaded loaded = suites.isEmpty()
                ? new SuiteLoader.Loaded(List.of(), List.of(), List.of(), 0) : SuiteLoader.loadAll(suites);
        errors.addAll(loaded.errors());
        racks.forEach(r -> errors.addAll(RackLoader.validate(r)));
        for (String e : errors) {
            out.println(e);
        }
        int files = found.size();
        out.println(count(files, "file") + (racks.isEmpty() ? "" : " (" + count(racks.size(), "rack") + ")") + ", "
                + count(loaded.cases(), "case") + ", " + count(errors.size(), "error"));
        if (files == 0 && errors.isEmpty()) {
            out.println("no suite files (*.yaml, *.yml) under " + targets);
            out.flush();
            return 2;
        }
        out.flush();
        return errors.isEmpty() ? 0 : 2;
    }

    private static String count(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
