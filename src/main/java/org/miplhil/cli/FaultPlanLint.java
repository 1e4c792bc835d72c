package org.miplhil.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.miplhil.sim.fault.FaultPlanLoader;
import org.miplhil.yaml.Problem;

/**
 * Which files {@code lint} reads as fault plans ({@code docs/virtual-module.md} "Fault plans"), and their problems.
 * A fault plan lives in a {@code faults/} directory or has a top-level {@code faults:} key (a suite has
 * {@code suite:}). {@code equivalent.yaml} beside the plans lists equivalent mutants: it is no plan, and lint leaves
 * it alone.
 */
final class FaultPlanLint {

    /** The list of equivalent mutants in {@code fixtures/faults/}. */
    static final String EQUIVALENT = "equivalent.yaml";

    private static final Pattern TOP_FAULTS = Pattern.compile("(?m)^faults[ \\t]*:");
    private static final Pattern TOP_SUITE = Pattern.compile("(?m)^suite[ \\t]*:");

    private FaultPlanLint() {}

    /** The equivalent-mutant list of a faults directory: not linted. */
    static boolean isEquivalentList(Path file) {
        return file.getFileName() != null && file.getFileName().toString().equals(EQUIVALENT) && inFaultsDir(file);
    }

    static boolean isFaultPlan(Path file) {
        if (isEquivalentList(file)) {
            return false;
        }
        if (inFaultsDir(file)) {
            return true;
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return TOP_FAULTS.matcher(text).find() && !TOP_SUITE.matcher(text).find();
        } catch (IOException | java.io.UncheckedIOException e) {
            return false; // the suite loader reports the unreadable file
        }
    }

    /** Every problem of a fault plan, as {@code file:line:column: message}. */
    static List<Problem> validate(Path file) {
        return FaultPlanLoader.load(file).problems();
    }

    private static boolean inFaultsDir(Path file) {
        Path parent = file.toAbsolutePath().normalize().getParent();
        return parent != null && parent.getFileName() != null && parent.getFileName().toString().equals("faults");
    }
}
