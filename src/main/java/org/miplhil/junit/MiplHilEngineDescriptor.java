package org.miplhil.junit;

import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;
import org.miplhil.report.Reports;
import org.miplhil.report.RunRecorder;
import org.miplhil.suite.run.SuiteRunner;

/** The engine's root: starts the run (the embedded platform, the report) before the first suite, ends it after the last. */
final class MiplHilEngineDescriptor extends EngineDescriptor implements Node<MiplHilContext> {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MiplHilEngineDescriptor.class);

    private final EngineSettings settings;

    MiplHilEngineDescriptor(UniqueId uniqueId, EngineSettings settings) {
        super(uniqueId, "mipl-hil suites");
        this.settings = settings;
    }

    EngineSettings settings() {
        return settings;
    }

    @Override
    public MiplHilContext before(MiplHilContext context) {
        long cases = getDescendants().stream().filter(CaseDescriptor.class::isInstance).count();
        if (cases == 0) {
            return context;
        }
        RunRecorder rec = Reports.forTestEngine(settings.layout());
        SuiteRunner runner = new SuiteRunner(settings.options(), rec);
        context.start(runner, rec);
        var plans = getChildren().stream().filter(SuiteDescriptor.class::isInstance)
                .map(d -> ((SuiteDescriptor) d).plan()).toList();
        runner.runStarted(plans, (int) cases, java.util.Map.of("engine", "JUnit Platform"));
        runner.onProgress(line -> LOG.warn("mipl-hil: {}", line));
        context.healthCheckFailed(runner.healthCheck(plans));
        return context;
    }

    /** A failed health check is a failing test of its own before the suites (whose cases are then skipped). */
    @Override
    public MiplHilContext execute(MiplHilContext context, DynamicTestExecutor dynamicTestExecutor)
            throws InterruptedException {
        if (context.started() && context.healthCheckFailure().isPresent()) {
            HealthCheckDescriptor check = new HealthCheckDescriptor(getUniqueId()
                    .append(HealthCheckDescriptor.SEGMENT, "run"), context.healthCheckFailure().get());
            addChild(check);
            dynamicTestExecutor.execute(check);
            dynamicTestExecutor.awaitFinished(); // reported before the suites' skipped cases
        }
        return context;
    }

    @Override
    public void after(MiplHilContext context) {
        if (context.started()) {
            try {
                context.recorder().runFinished();
            } finally {
                context.runner().close();
            }
        }
    }
}
