package org.miplhil.power.rack;

import java.nio.file.Path;
import java.util.List;
import org.miplhil.yaml.Problem;

/**
 * How a rack's reader checks that a module's firmware profile loads: the caller's (lint gives the profile loader),
 * so that the rack's package stays apart from the virtual module's.
 */
@FunctionalInterface
public interface ProfileCheck {

    /** No check: a run reads the profile itself. */
    ProfileCheck NONE = profile -> List.of();

    /** The problems of loading {@code profile} (an existing file); empty when it loads. */
    List<Problem> problems(Path profile);
}
