package org.miplhil.mutate;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;

/**
 * The generated mutant space, {@code MutantSpace.generate()}, looked up at run time so that the runner builds and
 * is tested apart from the generator; empty when the build has no generator.
 */
public final class GeneratedSpace {

    static final String GENERATOR = "org.miplhil.mutate.MutantSpace";

    private GeneratedSpace() {
    }

    /** Every generated mutant, or empty when the generator is not in this build (or failed: the log says why). */
    @SuppressWarnings("unchecked")
    public static Optional<List<Mutant>> generate() {
        try {
            Method generate = Class.forName(GENERATOR).getMethod("generate");
            return Optional.of(List.copyOf((List<Mutant>) generate.invoke(null)));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        } catch (ReflectiveOperationException | RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(GeneratedSpace.class).warn("the mutant generator failed", e);
            return Optional.empty();
        }
    }
}
