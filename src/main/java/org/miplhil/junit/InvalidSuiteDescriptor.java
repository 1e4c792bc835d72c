package org.miplhil.junit;

import java.nio.file.Path;
import java.util.List;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.engine.support.hierarchical.Node;
import org.miplhil.yaml.Problem;
import org.opentest4j.AssertionFailedError;

/**
 * Suites that cannot run — a suite file with problems, or a suites directory that is missing or holds no suite:
 * one failing test that lists the problems, each as {@code file:line:column: message}, its source the first
 * problem's line in the file.
 */
final class InvalidSuiteDescriptor extends AbstractTestDescriptor implements Node<MiplHilContext> {

    private final String subject;
    private final List<Problem> problems;

    private InvalidSuiteDescriptor(UniqueId id, Path file, String displayName, String subject, List<Problem> problems) {
        super(id, displayName, FileSource.from(file.toFile(), FilePosition.from(firstLine(file, problems))));
        this.subject = subject;
        this.problems = List.copyOf(problems);
    }

    /** A suite file that did not load. */
    static InvalidSuiteDescriptor forSuite(UniqueId id, Path file, List<Problem> problems) {
        return new InvalidSuiteDescriptor(id, file, file + " is a valid suite", "the suite", problems);
    }

    /** The configured suites directory: missing, unreadable or without a suite file. */
    static InvalidSuiteDescriptor forDirectory(UniqueId id, Path dir, List<Problem> problems) {
        return new InvalidSuiteDescriptor(id, dir, dir + " holds the suites", "the suites directory", problems);
    }

    /** The line of the file's first problem (a suite's problems may also be in the files it names). */
    private static int firstLine(Path file, List<Problem> problems) {
        return problems.stream().filter(p -> p.file().equals(file.toString())).findFirst()
                .or(() -> problems.stream().findFirst()).map(Problem::line).orElse(1);
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }

    @Override
    public MiplHilContext execute(MiplHilContext context, DynamicTestExecutor dynamicTestExecutor) {
        List<String> printed = problems.stream().map(Problem::toString).toList();
        throw new AssertionFailedError("[HARNESS] " + subject + " has " + problems.size()
                + (problems.size() == 1 ? " problem" : " problems") + ":\n" + String.join("\n", printed));
    }
}
