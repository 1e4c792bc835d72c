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
            description = {"Writes a delta package from --base to --target with a made-up payload of --size bytes "
                    + "(the same bytes for the same revisions and size). --damage alters one payload byte after the "
                    + "header is made, so the module's check fails (+MIPLEVENT: 0,41, update result 5)."})
    public static final class Pack implements Callable<Integer> {

        @Option(names = "--base", required = true, paramLabel = "REV", description = "Revision the package applies to, e.g. BC260YCNAAR01A03.")
        String base;

        @Option(names = "--target", required = true, paramLabel = "REV", description = "Revision the package brings, e.g. BC260YCNAAR01A03_BETA0721.")
        String target;

        @Option(names = "--size", required = true, paramLabel = "BYTES", description = "Payload size in bytes (1..16777216).")
        int size;

        @Option(names = "--damage", description = "Alter one payload byte after the header is made.")
        boolean damage;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the package.")
        Path out;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (size < 1 || size > DeltaPackage.MAX_PAYLOAD) {
                throw new ParameterException(spec.commandLine(), "--size must be 1.." + DeltaPackage.MAX_PAYLOAD
                        + ", found " + size);
            }
            DeltaPackage pkg;
            try {
                pkg = DeltaPackage.of(base, target, DeltaPackage.syntheticPayload(base, target, size));
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
                    + target + ", payload " + size + " bytes, sha256 " + pkg.sha256() + (damage ? " (damaged)" : ""));
            return 0;
        }
    }
}
