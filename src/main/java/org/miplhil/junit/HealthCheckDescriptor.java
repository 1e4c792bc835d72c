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
        this(id, "health check", failure);
    }

    /** {@code displayName}: in parallel, the module's ({@code health check on sim-2}). */
    HealthCheckDescriptor(UniqueId id, String displayName, Failure failure) {
        super(id, displayName, ClassSource.from(REPORT_NAME));
        this.failure = failure;
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }

    @Override
    public MiplHilContext execute(MiplHilContext context, DynamicTestExecutor dynamicTestExecutor) {
        Throwable t = failure();
        if (t instanceof Error e) {
            throw e;
        }
        throw (RuntimeException) t;
    }

    /** A module failure is an assertion failure, anything else an error (as for a case). */
    Throwable failure() {
        if (failure.category() == FailureCategory.MODULE) {
            return new AssertionFailedError(failure.markedMessage());
        }
        return new CaseDescriptor.CaseBroken(failure.markedMessage(), failure.trace());
    }
}
