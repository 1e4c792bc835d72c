package org.miplhil.junit;

import java.nio.file.Path;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.engine.support.hierarchical.Node;

/**
 * The container of a suite file that did not load, holding the one failing test that lists its problems. Surefire
 * reports a test only under a container whose source is a class (as {@link SuiteDescriptor} does): a failing test
 * straight under the engine would be dropped, and a broken suite would leave the build green.
 */
final class InvalidSuiteContainer extends AbstractTestDescriptor implements Node<MiplHilContext> {

    InvalidSuiteContainer(UniqueId id, Path file, boolean forSurefire) {
        super(id, file.toString(), forSurefire ? ClassSource.from(SuiteDescriptor.reportName(file.toString()))
                : FileSource.from(file.toFile()));
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }
}
