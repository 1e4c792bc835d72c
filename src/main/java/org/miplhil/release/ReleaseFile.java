package org.miplhil.release;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A release to qualify ({@code ./mipl-hil qualify RELEASE.yaml}; docs/qualification-release.md): the two firmwares,
 * where they run, what runs, the rules that judge them and where the results go.
 *
 * @param name      what the release is, for the summary
 * @param baseline  the firmware released before
 * @param candidate the firmware to qualify
 * @param racks     rack files, each run with every module replicated; empty: {@code parallel} virtual modules
 * @param parallel  virtual modules when no rack is named (1 or more)
 * @param suites    suite files or directories
 * @param tags      tag expression selecting the cases
 * @param repeat    runs of the selection per module
 * @param rules     the verdict rules ({@code fixtures/qualification/*.yaml}) {@code compare} applies
 * @param out       where the runs, the comparison and the verdict go
 * @param threshold the measurement shift {@code compare} flags, e.g. {@code 30%}; empty: compare's default
 * @param dfota     whether the DFOTA stage runs: every module updated from the baseline to the candidate and back
 *                  through a campaign of the embedded platform, with packages built between the two revisions
 */
public record ReleaseFile(String name, Firmware baseline, Firmware candidate, List<Path> racks, int parallel,
                          List<Path> suites, String tags, int repeat, Path rules, Path out,
                          Optional<String> threshold, boolean dfota) {

    public ReleaseFile {
        racks = List.copyOf(racks);
        suites = List.copyOf(suites);
    }

    /** The same release with another output directory and flagged shift (the command line's --out, --threshold). */
    public ReleaseFile with(Path newOut, Optional<String> newThreshold) {
        return new ReleaseFile(name, baseline, candidate, racks, parallel, suites, tags, repeat, rules, newOut,
                newThreshold, dfota);
    }

    /**
     * One firmware of the release.
     *
     * @param revision the revision the module reports (AT+CGMR), e.g. {@code BC260YCNAAR02A02}
     * @param image    the firmware image for DFOTA to this revision (the release job's DFOTA stage), if any
     * @param report   an existing report directory of this firmware: no run, it is compared as it is
     * @param faults   virtual modules only: a fault plan the virtual module runs with, standing for this firmware's
     *                 behaviour (a candidate's defect)
     * @param profile  the firmware profile virtual modules run as this firmware (its {@code identity.revision} is the
     *                 revision they report; a rack's virtual modules too, in place of the rack's profiles); a real
     *                 module runs what it has. Empty: every suite's own, or the rack's
     */
    public record Firmware(String revision, Optional<Path> image, Optional<Path> report, Optional<Path> faults,
                           Optional<Path> profile) {
    }

    /** Whether the runs are on virtual modules (no rack named). */
    public boolean virtual() {
        return racks.isEmpty();
    }
}
