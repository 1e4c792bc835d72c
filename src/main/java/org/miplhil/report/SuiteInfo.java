package org.miplhil.report;

import java.util.Objects;

/**
 * A suite: a YAML file of cases.
 *
 * @param name        e.g. {@code registration}
 * @param sourceFile  e.g. {@code suites/registration.yaml}, or empty
 * @param description or empty
 */
public record SuiteInfo(String name, String sourceFile, String description) {

    public SuiteInfo {
        Objects.requireNonNull(name, "name");
        sourceFile = sourceFile == null ? "" : sourceFile;
        description = description == null ? "" : description;
    }

    public static SuiteInfo of(String name) {
        return new SuiteInfo(name, "", "");
    }
}
