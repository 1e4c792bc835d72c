package org.miplhil.junit;

import java.nio.file.Path;
import java.util.List;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.engine.support.hierarchical.Node;
import org.opentest4j.AssertionFailedError;

/** A suite file with problems: one failing test that lists them, each as {@code file:line:column: message}. */
final class InvalidSuiteDescriptor extends AbstractTestDescriptor implements Node<MiplHilContext> {

    private final List<String> errors;

    InvalidSuiteDescriptor(UniqueId id, Path file, List<String> errors) {
        super(id, file + " is a valid suite", FileSource.from(file.toFile(), FilePosition.from(firstLine(errors))));
        this.errors = List.copyOf(errors);
    }

    private static int firstLine(List<String> errors) {
        for (String e : errors) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(":(\\d+):\\d+: ").matcher(e);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        return 1;
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }

    @Override
    public MiplHilContext execute(MiplHilContext context, DynamicTestExecutor dynamicTestExecutor) {
        throw new AssertionFailedError("[HARNESS] the suite has " + errors.size()
                + (errors.size() == 1 ? " problem" : " problems") + ":\n" + String.join("\n", errors));
    }
}
