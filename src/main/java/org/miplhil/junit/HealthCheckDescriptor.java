package org.miplhil.junit;

import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.hierarchical.Node;
import org.miplhil.report.Failure;
import org.miplhil.report.FailureCategory;
import org.opentest4j.AssertionFailedError;

/**
 * The health check that failed before the first case, as one failing test (registered when it failed, so a clean
 * run counts only the cases). Its source is a class name so that Surefire reports it as it reports the suites.
 */
final class HealthCheckDescriptor extends AbstractTestDescriptor implements Node<MiplHilContext> {

    static final String SEGMENT = "health-check";
    static final String REPORT_NAME = "mipl-hil.health-check";

    private final Failure failure;

    HealthCheckDescriptor(UniqueId id, Failure failure) {
        super(id, "health check", ClassSource.from(REPORT_NAME));
        this.failure = failure;
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }

    @Override
    public MiplHilContext execute(MiplHilContext context, DynamicTestExecutor dynamicTestExecutor) {
        if (failure.category() == FailureCategory.MODULE) {
            throw new AssertionFailedError(failure.markedMessage());
        }
        throw new CaseDescriptor.CaseBroken(failure.markedMessage(), failure.trace());
    }
}
