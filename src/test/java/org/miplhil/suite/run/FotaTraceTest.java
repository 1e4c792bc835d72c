package org.miplhil.suite.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.miplhil.at.MiplUrc;
import org.miplhil.at.MiplUrcs;
import org.miplhil.at.Parsed;
import org.miplhil.platform.fota.FotaStep;
import org.miplhil.report.FotaTimeline;
import org.miplhil.report.FotaTimeline.Band;
import org.miplhil.report.FotaTimeline.Ending;
import org.miplhil.report.FotaTimeline.MarkKind;

/** The phases of a firmware update read out of the URCs of 7.10.6 and the power actions around them. */
class FotaTraceTest {

    private static final long MS = 1_000_000L;
    private static final long ORIGIN = 5_000 * MS;

    private final List<FotaTrace.Seen> urcs = new ArrayList<>();

    private void at(long ms, String line) {
        Parsed<MiplUrc> p = MiplUrcs.parse(line);
        assertThat(p).as(line).isInstanceOf(Parsed.Ok.class);
        urcs.add(new FotaTrace.Seen(ORIGIN + ms * MS, ((Parsed.Ok<MiplUrc>) p).value()));
    }

    private static FotaTrace.PowerRecord power(String action, long ms, String trigger, long triggerMs) {
        return new FotaTrace.PowerRecord(action, ORIGIN + ms * MS, Instant.EPOCH, trigger, ORIGIN + triggerMs * MS);
    }

    @Test
    void theFlowOf7_10_6GivesDownloadUpdateRebootAndReRegistration() {
        at(100, "+MIPLEVENT: 0,6");  // the first registration: a mark, not a FOTA phase
        at(1000, "+MIPLEVENT: 0,40");
        at(3000, "+MIPLEVENT: 0,42");
        at(3500, "+MIPLEVENT: 0,43");
        at(3510, "+QIND: \"FOTA\",\"START\"");
        at(3600, "+QIND: \"FOTA\",\"UPDATING\",0%,1,1");
        at(4000, "+QIND: \"FOTA\",\"UPDATING\",50%,1,1");
        at(4400, "+QIND: \"FOTA\",\"UPDATING\",100%,1,1");
        at(5000, "RDY");
        at(5100, "+QIND: \"FOTA\",\"END\",0");
        at(7000, "+MIPLEVENT: 0,6");
        at(7100, "+MIPLEVENT: 0,48");
        Instant wall = Instant.parse("2026-01-01T00:00:00Z");
        List<FotaStep> campaign = List.of(new FotaStep(wall.plusMillis(900), "write package URI", "/5/0/1",
                Duration.ofMillis(10), true));
        long nanoAtWall = ORIGIN + 0; // the wall time 'wall' falls at the case's start
        FotaTimeline t = FotaTrace.of(urcs, List.of(), campaign,
                at -> nanoAtWall + Duration.between(wall, at).toNanos(), ORIGIN, ORIGIN + 8000 * MS);

        assertThat(t.bands()).containsExactly(
                new Band("download", 1000 * MS, 3000 * MS, Ending.DONE),
                new Band("downloaded", 3000 * MS, 3500 * MS, Ending.DONE),
                new Band("update", 3500 * MS, 4400 * MS, Ending.DONE),
                new Band("reboot", 4400 * MS, 5100 * MS, Ending.DONE),
                new Band("re-register", 5100 * MS, 7000 * MS, Ending.DONE));
        assertThat(t.progress()).extracting(FotaTimeline.Progress::percent).containsExactly(0, 50, 100);
        assertThat(t.marks(MarkKind.URC)).extracting(FotaTimeline.Mark::text).containsExactly(
                "+MIPLEVENT: 0,6", "+MIPLEVENT: 0,40", "+MIPLEVENT: 0,42", "+MIPLEVENT: 0,43",
                "+QIND: \"FOTA\",\"START\"", "RDY", "+QIND: \"FOTA\",\"END\",0", "+MIPLEVENT: 0,6",
                "+MIPLEVENT: 0,48");
        assertThat(t.marks(MarkKind.CAMPAIGN)).singleElement().satisfies(m -> {
            assertThat(m.atNanos()).isEqualTo(900 * MS);
            assertThat(m.text()).isEqualTo("write package URI: /5/0/1");
        });
    }

    @Test
    void aCutEndsThePhaseItInterruptsAndTheUpdateGoesOnAfterPowerReturns() {
        at(1000, "+MIPLEVENT: 0,43");
        at(1100, "+QIND: \"FOTA\",\"UPDATING\",10%,1,1");
        at(1300, "+QIND: \"FOTA\",\"UPDATING\",30%,1,1");
        // power off at 1310 (triggered by the 30 % line), on at 2310: the update goes on (6.2)
        at(2600, "+QIND: \"FOTA\",\"UPDATING\",60%,1,1");
        at(2900, "+QIND: \"FOTA\",\"UPDATING\",100%,1,1");
        at(3200, "RDY");
        at(3250, "+QIND: \"FOTA\",\"END\",0");
        FotaTimeline t = FotaTrace.of(urcs, List.of(power("off", 1310, "fota:updating:30%", 1300),
                power("on", 2310, "", 2310)), List.of(), at -> 0, ORIGIN, ORIGIN + 4000 * MS);

        assertThat(t.bands()).containsExactly(
                new Band("update", 1000 * MS, 1310 * MS, Ending.CUT),
                new Band("update", 2600 * MS, 2900 * MS, Ending.DONE),
                new Band("reboot", 2900 * MS, 3250 * MS, Ending.DONE),
                new Band("re-register", 3250 * MS, 4000 * MS, Ending.OPEN));
        assertThat(t.marks(MarkKind.TRIGGER)).singleElement().satisfies(m -> {
            assertThat(m.atNanos()).isEqualTo(1300 * MS);
            assertThat(m.text()).isEqualTo("cut-at fota:updating:30%");
        });
        assertThat(t.marks(MarkKind.CUT)).extracting(FotaTimeline.Mark::atNanos).containsExactly(1310 * MS);
        assertThat(t.marks(MarkKind.RESTORE)).extracting(FotaTimeline.Mark::atNanos).containsExactly(2310 * MS);
    }

    @Test
    void aCutWhileDownloadingLeavesTheModuleIdleWithNothingMore() {
        at(1000, "+MIPLEVENT: 0,40");
        FotaTimeline t = FotaTrace.of(urcs, List.of(power("off", 1500, "", 1500), power("on", 2500, "", 2500)),
                List.of(), at -> 0, ORIGIN, ORIGIN + 6000 * MS);
        assertThat(t.bands()).containsExactly(new Band("download", 1000 * MS, 1500 * MS, Ending.CUT));
        assertThat(t.progress()).isEmpty();
    }

    @Test
    void statesFollowTheUrcsOf6_3() {
        assertThat(state("+MIPLEVENT: 0,40")).isEqualTo("DOWNLOADING");
        assertThat(state("+MIPLEVENT: 0,42")).isEqualTo("DOWNLOADED");
        assertThat(state("+MIPLEVENT: 0,43")).isEqualTo("UPDATING");
        assertThat(state("+QIND: \"FOTA\",\"START\"")).isEqualTo("UPDATING");
        assertThat(state("+MIPLEVENT: 0,41")).isEqualTo("IDLE");
        assertThat(state("+QIND: \"FOTA\",\"END\",255")).isEqualTo("IDLE");
        assertThat(state("+MIPLEVENT: 0,48")).isEqualTo("IDLE");
        assertThat(state("+MIPLEVENT: 0,6")).isEqualTo("none");
        assertThat(state("RDY")).isEqualTo("none");
    }

    private static String state(String line) {
        MiplUrc u = ((Parsed.Ok<MiplUrc>) MiplUrcs.parse(line)).value();
        return FotaTrace.stateAfter(u).map(Enum::name).orElse("none");
    }
}
