/**
 * The harness's self-check: does the catalogue find defective firmware (each fault plan of
 * {@code fixtures/faults/} must make a case fail with a message naming its defect), does the clean virtual module
 * pass it every time (no flaky case), and how much time the harness adds to each step.
 * {@code ./mipl-hil mutate} and {@code ./mipl-hil bench catalogue}; docs/detection.md and docs/benchmarks.md.
 */
package org.miplhil.selfcheck;
