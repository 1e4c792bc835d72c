package org.miplhil.suite.run;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.miplhil.dut.state.TransitionFailure;
import org.miplhil.objects.ObjectDef;
import org.miplhil.report.CaseInfo;
import org.miplhil.report.Failure;
import org.miplhil.report.FailureCategory;
import org.miplhil.report.RunListener;
import org.miplhil.report.Status;
import org.miplhil.report.SuiteInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The suite runner's side of failing fast: runs the {@link HealthCheck} with the run's settings and reports a failed
 * one as a failing test of its own ({@value #NAME}, in a suite of the same name), and passes each case's outcome to
 * the {@link RunGuard}, printing the line when the breaker opens or the failure budget is spent.
 */
final class FailFastSteps {

    /** The name of the health check's test and suite in the report. */
    static final String NAME = "health check";

    private static final Logger LOG = LoggerFactory.getLogger(FailFastSteps.class);
    private final RunOptions options;
    private final RunListener rec;
    private final RunGuard guard;
    private Consumer<String> progress = LOG::info;

    FailFastSteps(RunOptions options, RunListener rec, RunGuard guard) {
        this.options = options;
        this.rec = rec;
        this.guard = guard;
    }

    void onProgress(Consumer<String> p) {
        this.progress = p;
    }

    /** The check on {@code module}; its failure, if it failed (reported, and the run stopped). */
    Optional<Failure> check(ModuleUnderTest module, List<RunPlan.SuitePlan> suites, String platformHost,
                            int coapPort) {
        HealthCheck.Settings settings = settings(suites, platformHost, coapPort);
        progress.accept("health check: AT, attach" + (settings.registration().isPresent()
                ? ", registration against " + options.platformName() + " at " + platformHost + ":" + coapPort
                : "; registration skipped: " + settings.registrationSkipped()));
        HealthCheck.Result r = HealthCheck.run(module.session(), settings);
        progress.accept(r.summary());
        if (r.passed()) {
            return Optional.empty();
        }
        HealthCheck.Verdict v = r.failure().get();
        boolean lab = v.kind() == TransitionFailure.Kind.POWER;
        Failure f = new Failure(lab ? FailureCategory.INFRASTRUCTURE : FailureCategory.MODULE, v.message()
                + "\n" + v.detail(), "");
        report(lab ? Status.BROKEN : Status.FAILED, f, r);
        return Optional.of(f);
    }

    /**
     * The module could not even be opened for the check (a port that is not there, a virtual module that did not
     * power up): every case breaks with that reason, and the circuit breaker ends the run after the first ones.
     */
    void moduleUnavailable(BenchException e) {
        progress.accept("health check not run: the module could not be opened: " + e.getMessage());
    }

    /** One case's outcome to the guard; the line when it stopped the run. */
    void record(String caseName, Status status, Optional<Failure> failure, boolean beforeOwnSteps) {
        guard.record(caseName, status, failure, beforeOwnSteps)
                .ifPresent(line -> progress.accept(line + "; the remaining cases are not run"));
    }

    /**
     * A failed check as one failing test with a step per check and the check's transcript; every case after it is
     * reported skipped with the verdict. One red test in Jenkins says what is wrong; 231 red ones would hide it.
     */
    private void report(Status status, Failure f, HealthCheck.Result r) {
        rec.suiteStarted(new SuiteInfo(NAME, "", "the module answers AT, attaches and registers once before the"
                + " first case"));
        rec.caseStarted(CaseInfo.builder(NAME).tag(NAME).build());
        if (r != null) {
            for (HealthCheck.Outcome o : r.checks()) {
                rec.stepStarted(o.check().word(), java.util.Map.of());
                switch (o.status()) {
                    case PASSED -> rec.stepFinished(Status.PASSED, o.detail());
                    case SKIPPED -> rec.stepFinished(Status.SKIPPED, o.detail());
                    case FAILED -> rec.stepFinished(status, f);
                }
            }
            rec.transcript(r.transcript());
        }
        rec.caseFinished(status, f);
        rec.suiteFinished();
        guard.healthCheckFailed(f);
    }

    /** The checks' settings: the objects of the first suite that has any, the configuration of the run's platform. */
    private HealthCheck.Settings settings(List<RunPlan.SuitePlan> suites, String platformHost, int coapPort) {
        List<ObjectDef> objects = suites.stream().map(RunPlan.SuitePlan::objects).filter(o -> !o.isEmpty())
                .findFirst().orElse(List.of());
        if (objects.isEmpty()) {
            return HealthCheck.withoutRegistration(options.readyWithin(),
                    "no suite of the run has object models (fixtures: objects) to register");
        }
        if (!options.target().isSim() && options.onenet().isEmpty() && !options.container()
                && isLoopback(options.advertisedHost())) {
            return HealthCheck.withoutRegistration(options.readyWithin(), options.platformName() + " is at "
                    + options.advertisedHost() + ", which a real module cannot reach (--platform-host or the rack's"
                    + " platform: section)");
        }
        return HealthCheck.registering(objects, platformHost, coapPort, options.readyWithin());
    }

    private static boolean isLoopback(String host) {
        return host.startsWith("127.") || host.equals("localhost") || host.equals("::1");
    }
}
