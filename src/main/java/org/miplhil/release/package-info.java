/**
 * Release qualification's data: the release file ({@code ./mipl-hil qualify RELEASE.yaml}) naming the baseline and
 * candidate firmware, the racks or virtual modules, the suites, the repeats and the verdict rules. The runs and the
 * comparison are the command line's ({@code cli/QualifyCommand}); docs/qualification-release.md.
 */
package org.miplhil.release;
