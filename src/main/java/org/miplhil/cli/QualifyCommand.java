package org.miplhil.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import picocli.CommandLine.Command;

/**
 * {@code ./mipl-hil qualify}: the alias of {@link MutateCommand} until the release-qualification command takes the
 * word over. The same options and run; its report defaults to {@code reports/qualify}, {@code --update-doc} fills
 * the qualify markers, and it ends with {@code RESULT: qualified} or {@code RESULT: NOT qualified} as before.
 */
@Command(name = "qualify",
        mixinStandardHelpOptions = true,
        description = {"Alias of 'mutate' (the catalogue's self-check): the suites must kill every generated mutant,"
                + " detect each fault plan (a case fails with a message containing the plan's 'detect' expression)"
                + " and pass on the fault-free virtual module N times.",
                "Prints a line per mutant, plan and repeat; writes qualify.json, mutate.json and detection.md to the"
                        + " report directory.",
                "Exit status 0 when every mutant is killed, every plan detected and every repeat clean, 1 otherwise,"
                        + " 2 for a usage or file error."})
public final class QualifyCommand extends MutateCommand {

    public QualifyCommand() {
        this(System.out, System.err);
    }

    QualifyCommand(PrintStream out, PrintStream err) {
        super(out, err, "qualify", Path.of("reports", "qualify"));
    }
}
