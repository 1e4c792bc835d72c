package org.miplhil.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.miplhil.sim.fota.DeltaPackage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./mipl-hil fota ...}: DFOTA tools (chapter 6). A group: each tool is a subcommand ({@code pack}); more
 * can be added to {@code subcommands}.
 */
@Command(name = "fota",
        mixinStandardHelpOptions = true,
        description = "DFOTA tools: delta packages for the virtual module (docs/fota.md).",
        subcommands = {FotaCommand.Pack.class})
public final class FotaCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 2; // a group alone is a usage error
    }

    /** {@code ./mipl-hil fota pack}: writes a delta package in the format of {@link DeltaPackage}. */
    @Command(name = "pack",
            mixinStandardHelpOptions = true,
            description = {"Writes a delta package from --base to --target: its payload is the file --payload (a"
                    + " release's firmware image) or --size made-up bytes (the same bytes for the same revisions and"
                    + " size). --damage alters one payload byte after the header is made, so the module's check fails"
                    + " (+MIPLEVENT: 0,41, update result 5).",
                    "Exit status 0, or 2 for a usage error or a file that cannot be read or written."})
    public static final class Pack implements Callable<Integer> {

        @Option(names = "--base", required = true, paramLabel = "REV", description = "Revision the package applies to, e.g. BC260YCNAAR01A03.")
        String base;

        @Option(names = "--target", required = true, paramLabel = "REV", description = "Revision the package brings, e.g. BC260YCNAAR01A03_BETA0721.")
        String target;

        @Option(names = "--size", paramLabel = "BYTES",
                description = "Payload size in bytes (1..16777216) of a made-up payload; without --payload only.")
        Integer size;

        @Option(names = "--payload", paramLabel = "FILE",
                description = "The payload: this file's bytes (1..16777216 of them), e.g. the target's firmware image.")
        Path payload;

        @Option(names = "--damage", description = "Alter one payload byte after the header is made.")
        boolean damage;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the package.")
        Path out;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if ((size == null) == (payload == null)) {
                throw new ParameterException(spec.commandLine(), "give the payload as --size BYTES (made-up bytes)"
                        + " or --payload FILE, one of them");
            }
            byte[] given;
            if (payload != null) {
                try {
                    if (Files.size(payload) < 1 || Files.size(payload) > DeltaPackage.MAX_PAYLOAD) {
                        throw new ParameterException(spec.commandLine(), "--payload " + payload + " has "
                                + Files.size(payload) + " bytes; a package carries 1.." + DeltaPackage.MAX_PAYLOAD);
                    }
                    given = Files.readAllBytes(payload);
                } catch (IOException e) {
                    spec.commandLine().getErr().println("mipl-hil fota pack: cannot read " + payload + ": "
                            + e.getMessage());
                    return 2;
                }
            } else if (size < 1 || size > DeltaPackage.MAX_PAYLOAD) {
                throw new ParameterException(spec.commandLine(), "--size must be 1.." + DeltaPackage.MAX_PAYLOAD
                        + ", found " + size);
            } else {
                given = null;
            }
            DeltaPackage pkg;
            try {
                pkg = DeltaPackage.of(base, target, given != null ? given
                        : DeltaPackage.syntheticPayload(base, target, size));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            byte[] bytes = damage ? pkg.toDamagedBytes() : pkg.toBytes();
            try {
                Path dir = out.toAbsolutePath().getParent();
                if (dir != null) {
                    Files.createDirectories(dir);
                }
                Files.write(out, bytes);
            } catch (IOException e) {
                spec.commandLine().getErr().println("mipl-hil fota pack: cannot write " + out + ": " + e.getMessage());
                return 2;
            }
            spec.commandLine().getOut().println("wrote " + out + ": " + bytes.length + " bytes, " + base + " -> "
                    + target + ", payload " + pkg.size() + " bytes" + (payload != null ? " from " + payload : "")
                    + ", sha256 " + pkg.sha256() + (damage ? " (damaged)" : ""));
            return 0;
        }
    }
}
