package org.miplhil.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** {@code ./mipl-hil run} in-process as the launcher runs it: its output into the test's buffers, usage errors exit 2. */
final class RunCli {

    private RunCli() {
    }

    static int run(ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
        RunCommand command = new RunCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        CommandLine cli = new CommandLine(command);
        cli.getCommandSpec().exitCodeOnInvalidInput(2);
        cli.setExitCodeExceptionMapper(t -> 2);
        return cli.execute(args);
    }
}
