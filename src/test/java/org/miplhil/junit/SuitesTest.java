package org.miplhil.junit;

/**
 * Under Maven, Surefire selects this class, and the mipl-hil engine runs the suites of {@code mipl-hil.suites}
 * ({@code suites/}: the examples and the catalogue) against the virtual module as part of the tests; each case is a
 * test. Cases tagged {@code slow} are left out by the build's {@code excludedGroups} (see docs/running.md).
 */
@MiplHilSuites
class SuitesTest {
}
