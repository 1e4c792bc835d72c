package org.miplhil.suite.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.miplhil.report.CaseResult;
import org.miplhil.report.MeasurementRow;
import org.miplhil.report.RunRecorder;
import org.miplhil.report.RunResult;
import org.miplhil.report.StepResult;
import org.miplhil.report.SuiteResult;

/** Runs suites written by a test on the virtual module and keeps what the report received. */
final class Recorded {

    /** The firmware profile of the repository (tests run in the project directory). */
    static final Path PROFILE = Path.of("fixtures/firmware/bc260y-cn.yaml").toAbsolutePath();

    final RunResult run;

    private Recorded(RunResult run) {
        this.run = run;
    }

    /** Writes each suite text (with {@code PROFILE} replaced by the profile's path) and runs them all. */
    static Recorded run(Path dir, RunOptions options, String... suites) throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < suites.length; i++) {
            Path f = dir.resolve("suite-" + (i + 1) + ".yaml");
            Files.writeString(f, suites[i].replace("PROFILE", PROFILE.toString()), StandardCharsets.UTF_8);
            files.add(f);
        }
        RunPlan plan = RunPlan.load(files, options, TagSelection.all());
        if (!plan.ok()) {
            throw new AssertionError("the test's suites are invalid:\n" + String.join("\n", plan.errors()));
        }
        RunRecorder rec = RunRecorder.builder().build();
        try (SuiteRunner runner = new SuiteRunner(options, rec)) {
            return new Recorded(runner.run(plan));
        }
    }

    static RunOptions sim() {
        return RunOptions.builder().build();
    }

    CaseResult caseNamed(String name) {
        return run.suites().stream().flatMap(s -> s.cases().stream()).filter(c -> c.info().name().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no case '" + name + "' in " + names()));
    }

    List<String> names() {
        return run.suites().stream().flatMap(s -> s.cases().stream()).map(c -> c.info().name()).toList();
    }

    SuiteResult suite(int i) {
        return run.suites().get(i);
    }

    /** Every step of the case, depth first. */
    static List<StepResult> allSteps(CaseResult c) {
        List<StepResult> out = new ArrayList<>();
        collect(c.steps(), out);
        return out;
    }

    private static void collect(List<StepResult> steps, List<StepResult> out) {
        for (StepResult s : steps) {
            out.add(s);
            collect(s.steps(), out);
        }
    }

    static Optional<StepResult> step(CaseResult c, String name) {
        return allSteps(c).stream().filter(s -> s.name().equals(name)).findFirst();
    }

    static List<String> measurements(CaseResult c) {
        return c.allMeasurements().stream().map(MeasurementRow::measurement).map(m -> m.name() + " | "
                + m.formattedLimit() + " | " + (m.value() == null ? "not measured" : m.passed() ? "met" : "missed"))
                .toList();
    }
}
