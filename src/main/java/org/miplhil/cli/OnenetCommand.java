package org.miplhil.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ./mipl-hil onenet}: tools for a lab that runs suites against OneNET (docs/onenet.md "For a lab"). */
@Command(name = "onenet",
        mixinStandardHelpOptions = true,
        description = "Tools for a lab that runs suites against OneNET: 'onenet check' checks the setup.",
        subcommands = {CommandLine.HelpCommand.class, OnenetCommandCheck.class})
public final class OnenetCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Without a subcommand: the usage, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
