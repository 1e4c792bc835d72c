package org.miplhil.release;

import java.nio.file.Path;

/**
 * A firmware profile for a virtual module that runs another revision: {@code extends:} the module's profile, with
 * only {@code identity.revision} replaced. The DFOTA stage starts a rack's virtual modules with it for the leg that
 * begins at a revision their own profile does not report (a virtual module's storage is cleared before every
 * DFOTA case, so it starts each leg at its profile's revision).
 */
public final class RevisionProfile {

    private RevisionProfile() {
    }

    /** The profile text; {@code base} is written absolute (the variant lives in the release's output). */
    public static String text(Path base, String revision) {
        return "# Written by ./mipl-hil qualify (the release's DFOTA stage): the virtual module of the profile below,\n"
                + "# running " + revision + ".\n"
                + "extends: " + DfotaSuite.q(base.toAbsolutePath().normalize().toString()) + "\n"
                + "identity:\n"
                + "  revision: {value: " + DfotaSuite.q(revision) + ", source: assumed, note: "
                + DfotaSuite.q("the release file's revision; the virtual module behaves as the profile it extends")
                + "}\n";
    }
}
