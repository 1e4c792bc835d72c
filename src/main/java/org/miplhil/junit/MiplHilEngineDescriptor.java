package org.miplhil.junit;

import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.engine.support.hierarchical.Node;
import org.miplhil.report.Reports;
import org.miplhil.report.RunRecorder;
import org.miplhil.suite.run.SuiteRunner;

/** The engine's root: starts the run (the embedded platform, the report) before the first suite, ends it after the last. */
final class MiplHilEngineDescriptor extends EngineDescriptor implements Node<MiplHilContext> {

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
        runner.runStarted((int) cases, java.util.Map.of("engine", "JUnit Platform"));
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
