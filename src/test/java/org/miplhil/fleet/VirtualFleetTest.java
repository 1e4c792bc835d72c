package org.miplhil.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class VirtualFleetTest {

    @Test
    void modulesAreNamedInOrderAndKeepTheTypeAllocationCodeWithTheirOwnSerialAndCheckDigit() {
        // 49015420323751 is TS 23.003's example body (TAC 49015420, serial 323751), check digit 8
        List<FleetModule> fleet = VirtualFleet.of(3, "490154203237518");
        assertThat(fleet).extracting(FleetModule::name).containsExactly("sim-1", "sim-2", "sim-3");
        assertThat(fleet).allMatch(m -> m.target().isSim());
        assertThat(fleet).extracting(m -> m.imei().orElseThrow())
                .containsExactly("490154203237518", "490154203237526", "490154203237534");
        assertThat(VirtualFleet.luhn("49015420323751")).isEqualTo(8);
    }

    @Test
    void theSerialWrapsWithinItsSixDigitsAndAnOddBaseStaysDistinct() {
        assertThat(VirtualFleet.imei("490154209999998", 1)).startsWith("49015420000000").hasSize(15);
        assertThat(VirtualFleet.imei("12345", 0)).isEqualTo("12345");
        assertThat(VirtualFleet.imei("12345", 2)).isEqualTo("12345-2");
        assertThat(VirtualFleet.imei(null, 1)).isEqualTo("-1");
        assertThat(VirtualFleet.of(40, "866971050123456")).extracting(m -> m.imei().orElseThrow())
                .doesNotHaveDuplicates();
    }

    @Test
    void theDefaultSizeKeepsSeveralModulesPerCore() {
        assertThat(VirtualFleet.defaultSize()).isGreaterThanOrEqualTo(4);
    }
}
