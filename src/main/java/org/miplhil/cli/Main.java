package org.miplhil.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code ./mipl-hil}. Exit codes: 0 success, 1 failures found, 2 usage or configuration error. */
@Command(name = "mipl-hil",
        mixinStandardHelpOptions = true,
        version = "mipl-hil 0.1.0",
        description = "Conformance harness for OneNET MIPL NB-IoT modules, with a virtual BC260Y-CN.",
        subcommands = {CommandLine.HelpCommand.class, SimCommand.class, PlatformCommand.class, LintCommand.class,
                RunCommand.class, ReportCommand.class, RelayCommand.class, BenchCommand.class, SoakCommand.class,
                FotaCommand.class, MutateCommand.class, QualifyCommand.class, CompareCommand.class, OnenetCommand.class,
                NetworkRelayCommand.class, ImagesCommand.class, ProfileCommand.class})
public final class Main {

    public static void main(String[] args) {
        // Leshan and Californium log every endpoint start at INFO: keep the console to what mipl-hil says.
        // MIPL_HIL_LOG=debug (or info) brings their logs back.
        String level = System.getenv().getOrDefault("MIPL_HIL_LOG", "warn");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
        // The JDK's HttpServer (OneNET-like API) writes headers and body apart: without TCP_NODELAY each answer
        // waits ~40 ms on Nagle and delayed ACKs (docs/benchmarks.md). Read once, when the server class loads.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        System.exit(run(args));
    }

    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The command line with its exit-code rules; tests set its output streams and execute it in-process. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExitCodeExceptionMapper(t -> 2);
        cli.getCommandSpec().exitCodeOnInvalidInput(2);
        return cli;
    }
}
