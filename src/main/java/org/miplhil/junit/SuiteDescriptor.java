package org.miplhil.junit;

import java.util.Set;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.engine.support.hierarchical.Node;
import org.miplhil.suite.Suite;
import org.miplhil.suite.run.RunPlan;

/**
 * A suite file: a container of cases. Its source is the file at the suite's first line, except when Maven Surefire
 * selected it (through the class marked {@link MiplHilSuites}): Surefire reports tests only under a container whose
 * source is a class, so the source is then a class named after the file ({@code suites.examples.light-control.yaml}),
 * which gives one Surefire report per suite. Cases keep their file source either way.
 */
final class SuiteDescriptor extends AbstractTestDescriptor implements Node<MiplHilContext> {

    static final String SEGMENT = "suite";

    private final RunPlan.SuitePlan plan;

    SuiteDescriptor(UniqueId id, RunPlan.SuitePlan plan, boolean forSurefire) {
        super(id, plan.suite().name(), forSurefire ? ClassSource.from(reportName(plan.suite().position().file()))
                : FileSource.from(plan.suite().file().toFile(),
                FilePosition.from(plan.suite().position().line(), plan.suite().position().column())));
        this.plan = plan;
    }

    /** {@code suites/examples/light-control.yaml} → {@code suites.examples.light-control.yaml}. */
    static String reportName(String file) {
        return file.replace('\\', '/').replace('/', '.');
    }

    RunPlan.SuitePlan plan() {
        return plan;
    }

    Suite suite() {
        return plan.suite();
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }

    @Override
    public Set<TestTag> getTags() {
        return Tags.of(plan.suite().tags());
    }

    @Override
    public MiplHilContext before(MiplHilContext context) {
        context.runner().suiteStarted(plan, "");
        return context;
    }

    @Override
    public void after(MiplHilContext context) {
        context.runner().suiteFinished();
    }
}
