package org.miplhil.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class whose selection (by Maven Surefire, which selects test classes) means "run the suites": the
 * mipl-hil engine then discovers the suites of the configured directory ({@code mipl-hil.suites}, default
 * {@code suites}). The class itself needs no body.
 *
 * <pre>
 * &#64;MiplHilSuites
 * class SuitesTest {}
 * </pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface MiplHilSuites {
}
