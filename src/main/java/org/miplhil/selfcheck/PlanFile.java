package org.miplhil.selfcheck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.miplhil.sim.fault.FaultPlan;
import org.miplhil.sim.fault.FaultPlanLoader;
import org.miplhil.yaml.LoadResult;

/**
 * A fault plan the self-check runs: its file, its name (the file's name without {@code .yaml}), the plan.
 * The self-check needs the plan's {@code defect} and {@code detect}.
 */
public record PlanFile(Path file, String name, FaultPlan plan) {

    /** The list of equivalent mutants beside the plans, skipped when a directory is read. */
    public static final String EQUIVALENTS = "equivalent.yaml";

    /** The plans found, or the problems (every one, as {@code file:line:column: message}). */
    public record Loaded(List<PlanFile> plans, List<String> errors) {
        public Loaded {
            plans = List.copyOf(plans);
            errors = List.copyOf(errors);
        }
    }

    public String defect() {
        return plan.defect().orElse("");
    }

    public String detect() {
        return plan.detect().map(p -> p.pattern()).orElse("");
    }

    /** A file, or every {@code *.yaml} / {@code *.yml} of a directory (not below it), sorted by name. */
    public static Loaded load(Path fileOrDir) {
        List<Path> files = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        if (Files.isDirectory(fileOrDir)) {
            try (Stream<Path> s = Files.list(fileOrDir)) {
                // equivalent.yaml lists the mutants the note allows (org.miplhil.mutate.Equivalents): not a plan
                s.filter(p -> Files.isRegularFile(p) && !p.getFileName().toString().startsWith(".")
                                && !p.getFileName().toString().equals(EQUIVALENTS)
                                && (p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")))
                        .sorted().forEach(files::add);
            } catch (IOException e) {
                errors.add(fileOrDir + ": cannot list the directory: " + e.getMessage());
            }
            if (files.isEmpty() && errors.isEmpty()) {
                errors.add(fileOrDir + ": no fault plan (*.yaml) in the directory");
            }
        } else if (Files.isRegularFile(fileOrDir)) {
            files.add(fileOrDir);
        } else {
            errors.add(fileOrDir + ": no such file or directory");
        }
        List<PlanFile> plans = new ArrayList<>();
        for (Path f : files) {
            LoadResult<FaultPlan> r = FaultPlanLoader.load(f);
            if (!r.isOk()) {
                errors.addAll(r.errors());
                continue;
            }
            FaultPlan p = r.orElseThrow();
            if (p.defect().isEmpty() || p.detect().isEmpty()) {
                errors.add(f + ":1:1: a self-check plan needs 'defect:' (what is wrong) and 'detect:' (an expression the"
                        + " failure message must contain) in the fault plan");
                continue;
            }
            if (p.faults().isEmpty()) {
                errors.add(f + ":1:1: the fault plan has no faults");
                continue;
            }
            String name = f.getFileName().toString().replaceFirst("\\.ya?ml$", "");
            plans.add(new PlanFile(f, name, p));
        }
        return new Loaded(plans, errors);
    }
}
