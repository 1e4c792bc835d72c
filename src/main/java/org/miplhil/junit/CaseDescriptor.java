package org.miplhil.junit;

import java.util.Set;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.engine.support.hierarchical.Node;
import org.miplhil.report.Failure;
import org.miplhil.suite.Case;
import org.miplhil.suite.Suite;
import org.miplhil.suite.run.SuiteRunner;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * A case: a test, its source the case's line in the suite file, its tags the case's (suite tags included). A module
 * failure is an assertion failure, an infrastructure or harness problem an error, a case this target cannot run
 * an aborted test (Surefire: skipped); each message starts with its category marker ({@code [MODULE]} ...).
 */
final class CaseDescriptor extends AbstractTestDescriptor implements Node<MiplHilContext> {

    static final String SEGMENT = "case";

    private final Case testCase;

    CaseDescriptor(UniqueId id, Suite suite, Case testCase) {
        super(id, testCase.name(), FileSource.from(suite.file().toFile(),
                FilePosition.from(testCase.position().line(), testCase.position().column())));
        this.testCase = testCase;
    }

    Case testCase() {
        return testCase;
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }

    @Override
    public Set<TestTag> getTags() {
        return Tags.of(testCase.tags());
    }

    @Override
    public MiplHilContext execute(MiplHilContext context, DynamicTestExecutor dynamicTestExecutor) {
        // runOrSkip: a failed health check, an open breaker or a spent failure budget skips the case with the cause
        Throwable failure = failureOf(context.runner().runOrSkip(testCase));
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        return context;
    }

    /** How JUnit hears the outcome (null: passed); serially as the thrown exception, in parallel as the result. */
    static Throwable failureOf(SuiteRunner.CaseOutcome outcome) {
        String message = outcome.failure().map(Failure::markedMessage).orElse("");
        return switch (outcome.status()) {
            case PASSED -> null;
            case SKIPPED -> new TestAbortedException(outcome.failure().map(Failure::message).orElse("skipped"));
            case FAILED -> new AssertionFailedError(message);
            default -> new CaseBroken(message, outcome.failure().map(Failure::trace).orElse(""));
        };
    }

    /** {@link #failureOf} as JUnit's result of the test. */
    static TestExecutionResult resultOf(SuiteRunner.CaseOutcome outcome) {
        Throwable t = failureOf(outcome);
        if (t == null) {
            return TestExecutionResult.successful();
        }
        return t instanceof TestAbortedException ? TestExecutionResult.aborted(t) : TestExecutionResult.failed(t);
    }

    /** A case that could not be judged: the port, the platform or the harness failed. */
    static final class CaseBroken extends RuntimeException {
        private final String detail;

        CaseBroken(String message, String detail) {
            super(message, null, false, false);
            this.detail = detail;
        }

        @Override
        public String toString() {
            return detail.isEmpty() ? getMessage() : getMessage() + "\n" + detail;
        }
    }
}
