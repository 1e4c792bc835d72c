package org.miplhil.release;

import java.nio.file.Path;
import java.util.List;

/**
 * One update of the release's DFOTA stage: the modules run {@code from}, the embedded platform's campaign (6.1)
 * sends the delta package {@code from → to}, and afterwards they must report {@code to}. The stage is two legs,
 * baseline → candidate and candidate → baseline (docs/qualification-release.md, "The DFOTA stage").
 *
 * @param name      the leg's folder name: {@code to-candidate} or {@code to-baseline}
 * @param from      the revision the modules report before (ATI's {@code Revision:} line, /3/0/3)
 * @param to        the revision they report after
 * @param pkg       the delta package from {@code from} to {@code to}, built by {@code ./mipl-hil fota pack}
 * @param payload   the firmware image the package carries ({@code firmware.<to>.image}), or none: made-up bytes
 */
public record DfotaLeg(String name, String from, String to, Path pkg, java.util.Optional<Path> payload) {

    /** The size of a made-up payload when the release names no image: 16 blocks of the profile's 512 bytes. */
    public static final int MADE_UP_PAYLOAD = 8192;

    /** The file name of a package: {@code FROM-to-TO.delta}. */
    public static String packageName(String from, String to) {
        return safe(from) + "-to-" + safe(to) + ".delta";
    }

    /** {@code ./mipl-hil fota pack} arguments that build this leg's package. */
    public List<String> packCommand() {
        List<String> args = new java.util.ArrayList<>(List.of("fota", "pack", "--base", from, "--target", to));
        if (payload.isPresent()) {
            args.addAll(List.of("--payload", payload.get().toString()));
        } else {
            args.addAll(List.of("--size", Integer.toString(MADE_UP_PAYLOAD)));
        }
        args.addAll(List.of("--out", pkg.toString()));
        return List.copyOf(args);
    }

    /** A revision as a file name: anything but letters, digits, {@code _.-} becomes {@code _}. */
    public static String safe(String revision) {
        return revision.replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}
