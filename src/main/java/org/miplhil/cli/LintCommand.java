package org.miplhil.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.miplhil.power.rack.RackLoader;
import org.miplhil.release.ReleaseLoader;
import org.miplhil.suite.SuiteLoader;
import org.miplhil.yaml.Problem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./mipl-hil lint [PATH...]}: validates suites, rack files and fault plans without running them. */
@Command(name = "lint",
        mixinStandardHelpOptions = true,
        description = {"Validates suite files without running them: every problem as file:line:column: message",
                "(a warning as file:line:column: warning: message).",
                "Files in a racks/ directory are checked as rack files (fixtures/racks/: two",
                "modules of a rack sharing a name, port, IMEI, relay channel or wake line are",
                "errors); files in a faults/",
                "directory or with a top-level faults: key as fault plans (fixtures/faults/; equivalent.yaml there",
                "lists equivalent mutants and is left alone).",
                "Exit status 0 when every file is valid, 2 otherwise."})
public final class LintCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "Suite, rack or fault-plan files, or directories searched for *.yaml / *.yml "
                    + "(default: suites/).")
    List<Path> paths;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Path> targets = paths == null || paths.isEmpty() ? List.of(Path.of("suites")) : paths;
        List<Problem> problems = new ArrayList<>();
        List<Path> found = new ArrayList<>(SuiteLoader.find(targets, problems));
        // rack files (in a racks/ directory) have their own format; the rest are suites
        List<Path> racks = found.stream().filter(RackLoader::isRackFile).toList();
        // release files (a top-level release:) are qualify's; rules files (a top-level qualification:) compare's
        // firmware profiles (in a firmware/ directory, as fixtures/firmware/) are the profile loader's
        List<Path> profiles = found.stream().filter(LintCommand::isProfileFile).toList();
        found.removeAll(profiles);
        List<Path> releases = found.stream().filter(f -> !RackLoader.isRackFile(f) && ReleaseLoader.isReleaseFile(f))
                .toList();
        List<Path> rules = found.stream().filter(f -> !RackLoader.isRackFile(f) && !releases.contains(f)
                && org.miplhil.compare.RulesLoader.isRulesFile(f)).toList();
        List<Path> plans = found.stream().filter(f -> !RackLoader.isRackFile(f) && !releases.contains(f)
                && !rules.contains(f) && FaultPlanLint.isFaultPlan(f)).toList();
        List<Path> suites = found.stream().filter(f -> !RackLoader.isRackFile(f) && !plans.contains(f)
                && !releases.contains(f) && !rules.contains(f) && !FaultPlanLint.isEquivalentList(f)).toList();
        SuiteLoader.Loaded loaded = suites.isEmpty()
                ? SuiteLoader.Loaded.nothing() : SuiteLoader.loadAll(suites);
        problems.addAll(loaded.problems());
        // each module's firmware profile must load too
        racks.forEach(r -> problems.addAll(RackLoader.validate(r, profile ->
                org.miplhil.sim.profile.ProfileLoader.load(profile).problems())));
        plans.forEach(p -> problems.addAll(FaultPlanLint.validate(p)));
        releases.forEach(r -> problems.addAll(ReleaseLoader.validate(r)));
        rules.forEach(r -> problems.addAll(org.miplhil.compare.RulesLoader.validate(r)));
        profiles.forEach(f -> problems.addAll(org.miplhil.sim.profile.ProfileLoader.load(f).problems()));
        for (Problem p : problems) {
            out.println(p);
        }
        int files = found.size() + profiles.size();
        long errors = problems.stream().filter(Problem::isError).count();
        long warnings = problems.size() - errors;
        out.println(count(files, "file") + (racks.isEmpty() ? "" : " (" + count(racks.size(), "rack") + ")")
                + (plans.isEmpty() ? "" : " (" + count(plans.size(), "fault plan") + ")")
                + (releases.isEmpty() ? "" : " (" + count(releases.size(), "release file") + ")")
                + (profiles.isEmpty() ? "" : " (" + count(profiles.size(), "firmware profile") + ")") + ", "
                + count(loaded.cases(), "case") + ", " + count(errors, "error")
                + (warnings == 0 ? "" : ", " + count(warnings, "warning")));
        if (files == 0 && problems.isEmpty()) {
            out.println("no suite files (*.yaml, *.yml) under " + targets);
            out.flush();
            return 2;
        }
        out.flush();
        return errors == 0 ? 0 : 2; // warnings alone leave the files valid
    }

    /** A firmware profile: a YAML file in a directory named {@code firmware} (fixtures/firmware/). */
    static boolean isProfileFile(Path file) {
        Path parent = file.toAbsolutePath().normalize().getParent();
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        return parent != null && parent.getFileName() != null && parent.getFileName().toString().equals("firmware")
                && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }

    private static String count(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
