package org.miplhil.suite.run;

import java.time.Duration;

/** Writes the suite of one soak run: the DFOTA flow with the run's cut and the outcome 6.2 gives for it. */
public interface Scenario {

    /** About how long the module downloads a package (the soak picks cut points inside it). */
    Duration download();

    /** The suite text of run {@code run} of {@code runs}, cutting at {@code cut}. */
    String suite(int run, int runs, DfotaSoak.Cut cut);
}
