package org.miplhil.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MeasurementTest {

    @Test
    void aDeadlineReadsLikeTheReportLine() {
        Measurement m = Measurement.deadline("AT+MIPLOPEN -> +MIPLEVENT: 0,6", Duration.ofMillis(412), Duration.ofSeconds(30));
        assertThat(m.format()).isEqualTo("AT+MIPLOPEN -> +MIPLEVENT: 0,6: 412 ms (limit 30 s)");
        assertThat(m.passed()).isTrue();
        assertThat(m.formatValueWithVerdict()).isEqualTo("412 ms (limit 30 s) PASS");
    }

    @Test
    void aLateOrMissingValueFails() {
        assertThat(Measurement.deadline("reply", Duration.ofMillis(5001), Duration.ofSeconds(5)).passed()).isFalse();
        Measurement missing = Measurement.deadline("reply", null, Duration.ofSeconds(5));
        assertThat(missing.passed()).isFalse();
        assertThat(missing.format()).isEqualTo("reply: not measured (limit 5 s)");
        assertThat(Measurement.deadline("reply", Duration.ofSeconds(5), Duration.ofSeconds(5)).passed())
                .as("the limit itself is within").isTrue();
    }

    @Test
    void limitsBothSidesAndOtherUnits() {
        Measurement rssi = Measurement.of("signal strength /4/0/2", -71, -113.0, -51.0, "dBm");
        assertThat(rssi.format()).isEqualTo("signal strength /4/0/2: -71 dBm (limits -113..-51 dBm)");
        assertThat(rssi.passed()).isTrue();
        assertThat(Measurement.of("x", -120, -113.0, -51.0, "dBm").passed()).isFalse();
        assertThat(Measurement.duration("harness overhead per step", Duration.ofNanos(350_000)).format())
                .isEqualTo("harness overhead per step: 0.35 ms");
    }

    @Test
    void durationsPickTheirUnit() {
        assertThat(Measurement.formatMillis(0.35)).isEqualTo("0.35 ms");
        assertThat(Measurement.formatMillis(412)).isEqualTo("412 ms");
        assertThat(Measurement.formatMillis(1500)).isEqualTo("1.5 s");
        assertThat(Measurement.formatMillis(30_000)).isEqualTo("30 s");
        assertThat(Measurement.formatMillis(62_345)).isEqualTo("62.3 s");
        assertThat(Measurement.formatMillis(125_000)).isEqualTo("2 min 5 s");
        assertThat(Measurement.formatMillis(3_600_000)).isEqualTo("60 min");
    }

    @Test
    void categoryMarkersRoundTrip() {
        Failure f = Failure.parse(Status.BROKEN, "[INFRASTRUCTURE] serial port /dev/ttyUSB0 missing");
        assertThat(f.category()).isEqualTo(FailureCategory.INFRASTRUCTURE);
        assertThat(f.message()).isEqualTo("serial port /dev/ttyUSB0 missing");
        assertThat(f.markedMessage()).isEqualTo("[INFRASTRUCTURE] serial port /dev/ttyUSB0 missing");
        assertThat(Failure.parse(Status.FAILED, "got OK").category()).isEqualTo(FailureCategory.MODULE);
        assertThat(Failure.parse(Status.BROKEN, "NullPointerException").category()).isEqualTo(FailureCategory.HARNESS);
        assertThat(FailureCategory.MODULE.mark("[MODULE] x")).isEqualTo("[MODULE] x");
        assertThat(new Failure(FailureCategory.MODULE, "first\nsecond", "").firstLine()).isEqualTo("[MODULE] first");
    }
}
