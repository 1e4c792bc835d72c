package org.miplhil.suite.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;
import org.miplhil.at.EventId;
import org.miplhil.at.FotaEnd;
import org.miplhil.at.FotaStart;
import org.miplhil.at.FotaUpdating;
import org.miplhil.at.MiplEvent;
import org.miplhil.at.MiplUrc;
import org.miplhil.at.Rdy;
import org.miplhil.dut.JournalEntry;
import org.miplhil.platform.fota.FotaStep;
import org.miplhil.report.FotaTimeline;
import org.miplhil.report.FotaTimeline.Band;
import org.miplhil.report.FotaTimeline.Ending;
import org.miplhil.report.FotaTimeline.Mark;
import org.miplhil.report.FotaTimeline.MarkKind;
import org.miplhil.suite.CutTrigger.FotaState;

/**
 * Reads a firmware update out of what a case saw — the module's URCs (6.3), the power actions, the platform's
 * campaign steps — into a {@link FotaTimeline}. Pure: no I/O, no clock.
 *
 * <p>The phases follow 6.1 and 7.10.6: {@code download} from event 40 to 42 (or 41), {@code downloaded} from 42 to
 * 43, {@code update} from 43 (or {@code +QIND: "FOTA","START"}) to its last progress report, {@code reboot} from there
 * to {@code +QIND: "FOTA","END"} (the module restarts: {@code RDY}, {@code +CFUN: 1}), {@code re-register} from
 * {@code END} to the next registration (event 6) or the erase report (48, 49). A power cut ends the phase it
 * interrupts; after a cut while updating the module goes on updating (6.2), which opens a new update band.
 */
final class FotaTrace {

    /** A power action of the case, for the trace and the report's table. */
    record PowerRecord(String action, long nanos, Instant wall, String trigger, long triggerNanos) {
        boolean triggered() {
            return !trigger.isEmpty();
        }
    }

    private FotaTrace() {
    }

    /** The FOTA state a URC moves the module to (6.3), if it says anything about it. */
    static Optional<FotaState> stateAfter(MiplUrc urc) {
        if (urc instanceof MiplEvent e) {
            if (e.evtId() == EventId.FIRMWARE_DOWNLOADING.id()) {
                return Optional.of(FotaState.DOWNLOADING);
            }
            if (e.evtId() == EventId.FIRMWARE_DOWNLOADED.id()) {
                return Optional.of(FotaState.DOWNLOADED);
            }
            if (e.evtId() == EventId.FIRMWARE_UPDATING.id()) {
                return Optional.of(FotaState.UPDATING);
            }
            if (e.evtId() == EventId.FIRMWARE_DOWNLOAD_FAILED.id() || e.evtId() == EventId.FIRMWARE_ERASE_SUCCESS.id()
                    || e.evtId() == EventId.FIRMWARE_ERASE_FAIL.id()) {
                return Optional.of(FotaState.IDLE);
            }
            return Optional.empty();
        }
        if (urc instanceof FotaStart || urc instanceof FotaUpdating) {
            return Optional.of(FotaState.UPDATING);
        }
        if (urc instanceof FotaEnd) {
            return Optional.of(FotaState.IDLE);
        }
        return Optional.empty();
    }

    /** Whether a URC belongs on the FOTA picture: the 6.3 URCs, the restart (RDY) and registrations (event 6). */
    static boolean isFotaUrc(MiplUrc urc) {
        return stateAfter(urc).isPresent() || urc instanceof Rdy
                || urc instanceof MiplEvent e && e.evtId() == EventId.REG_SUCCESS.id();
    }

    /** A URC the module printed, at its arrival time on the links' clock. */
    record Seen(long nanos, MiplUrc urc) {}

    /** The FOTA URCs (and RDY) among a case's journal entries. */
    static List<Seen> fotaUrcs(List<JournalEntry> entries) {
        List<Seen> out = new ArrayList<>();
        for (JournalEntry e : entries) {
            if (e instanceof JournalEntry.Received r && r.isUrc()) {
                Optional<MiplUrc> u = r.urc();
                if (u.isPresent() && isFotaUrc(u.get())) {
                    out.add(new Seen(r.nanoTime(), u.get()));
                }
            }
        }
        return out;
    }

    private record Item(long nanos, int order, Object what) {}

    private static final class Open {
        final String name;
        final long start;

        Open(String name, long start) {
            this.name = name;
            this.start = start;
        }
    }

    /**
     * The FOTA picture of a case. {@code originNanos}: the case's start on the links' clock; {@code endNanos}: its
     * end; {@code campaignNanos}: where a campaign step's wall time falls on the same clock.
     */
    static FotaTimeline of(List<Seen> urcs, List<PowerRecord> power, List<FotaStep> campaign,
                           ToLongFunction<Instant> campaignNanos, long originNanos, long endNanos) {
        List<Item> items = new ArrayList<>();
        int order = 0;
        for (Seen u : urcs) {
            if (isFotaUrc(u.urc())) {
                items.add(new Item(u.nanos(), order++, u.urc()));
            }
        }
        for (PowerRecord p : power) {
            items.add(new Item(p.nanos(), order++, p));
        }
        items.sort(Comparator.comparingLong((Item i) -> i.nanos() - originNanos).thenComparingInt(Item::order));

        List<Band> bands = new ArrayList<>();
        List<FotaTimeline.Progress> progress = new ArrayList<>();
        List<Mark> marks = new ArrayList<>();
        Open open = null;
        long lastProgress = Long.MIN_VALUE;
        for (Item item : items) {
            long t = item.nanos() - originNanos;
            Object w = item.what();
            if (w instanceof PowerRecord p) {
                if (p.triggered()) {
                    marks.add(new Mark(p.triggerNanos() - originNanos, MarkKind.TRIGGER, "cut-at " + p.trigger()));
                }
                if (p.action().equals("off")) {
                    marks.add(new Mark(t, MarkKind.CUT, "power off" + (p.triggered() ? " (" + p.trigger() + ")" : "")));
                    if (open != null) {
                        bands.add(new Band(open.name, open.start, t, Ending.CUT));
                        open = null;
                    }
                } else {
                    marks.add(new Mark(t, MarkKind.RESTORE, "power on"));
                }
                continue;
            }
            MiplUrc u = (MiplUrc) w;
            if (!(u instanceof FotaUpdating)) {
                marks.add(new Mark(t, MarkKind.URC, u.format()));
            }
            if (u instanceof MiplEvent e) {
                int id = e.evtId();
                if (id == EventId.FIRMWARE_DOWNLOADING.id()) {
                    open = switchTo(bands, open, "download", t);
                } else if (id == EventId.FIRMWARE_DOWNLOADED.id()) {
                    open = switchTo(bands, open, "downloaded", t);
                } else if (id == EventId.FIRMWARE_DOWNLOAD_FAILED.id()) {
                    open = close(bands, open, t);
                } else if (id == EventId.FIRMWARE_UPDATING.id()) {
                    open = ensure(bands, open, "update", t);
                } else if (id == EventId.REG_SUCCESS.id() || id == EventId.FIRMWARE_ERASE_SUCCESS.id()
                        || id == EventId.FIRMWARE_ERASE_FAIL.id()) {
                    if (open != null && open.name.equals("re-register")) {
                        open = close(bands, open, t);
                    }
                }
            } else if (u instanceof FotaStart) {
                open = ensure(bands, open, "update", t);
            } else if (u instanceof FotaUpdating p) {
                open = ensure(bands, open, "update", t);
                progress.add(new FotaTimeline.Progress(t, p.percent()));
                lastProgress = t;
            } else if (u instanceof Rdy) {
                if (open != null && open.name.equals("update")) {
                    long from = lastProgress >= open.start ? lastProgress : t;
                    bands.add(new Band("update", open.start, from, Ending.DONE));
                    open = new Open("reboot", from);
                }
            } else if (u instanceof FotaEnd) {
                open = close(bands, open, t);
                open = new Open("re-register", t);
            }
        }
        long end = endNanos - originNanos;
        if (open != null) {
            bands.add(new Band(open.name, open.start, Math.max(end, open.start), Ending.OPEN));
        }
        for (FotaStep s : campaign) {
            marks.add(new Mark(campaignNanos.applyAsLong(s.at()) - originNanos, MarkKind.CAMPAIGN,
                    stepText(s) + (s.ok() ? "" : "  FAILED")));
        }
        return new FotaTimeline(bands, progress, marks, end);
    }

    /** A campaign step as suites match it: {@code name: detail}, or the name alone. */
    static String stepText(FotaStep s) {
        return s.detail().isEmpty() ? s.name() : s.name() + ": " + s.detail();
    }

    private static Open switchTo(List<Band> bands, Open open, String name, long t) {
        close(bands, open, t);
        return new Open(name, t);
    }

    private static Open ensure(List<Band> bands, Open open, String name, long t) {
        return open != null && open.name.equals(name) ? open : switchTo(bands, open, name, t);
    }

    private static Open close(List<Band> bands, Open open, long t) {
        if (open != null) {
            bands.add(new Band(open.name, open.start, t, Ending.DONE));
        }
        return null;
    }
}
