package org.miplhil.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --profile FILE} of {@code run} and {@code mutate}: a firmware profile replacing every suite's. */
final class ProfileOption {

    @Option(names = "--profile", paramLabel = "FILE",
            description = "Firmware profile replacing every suite's: the virtual module's behaviour and $${profile.*}.")
    Path profile;
}
