package org.miplhil.sim.profile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The fourth form of source, {@code observed:<revision> <date>}, which {@code profile learn} writes. */
class ObservedSourceTest {

    @Test
    void an_observed_source_names_the_revision_and_the_date() {
        Source s = Source.parse("observed:BC260YCNAAR01A03 2026-12-07").orElseThrow();
        assertThat(s.kind()).isEqualTo(Source.Kind.OBSERVED);
        assertThat(s.detail()).isEqualTo("BC260YCNAAR01A03 2026-12-07");
        assertThat(s).hasToString("observed:BC260YCNAAR01A03 2026-12-07");
    }

    @Test
    void an_observed_source_without_its_date_is_no_source_and_observed_elsewhere_stays_itself() {
        assertThat(Source.parse("observed:BC260YCNAAR01A03")).isEmpty();
        assertThat(Source.parse("observed: 2026-12-07")).isEmpty();
        assertThat(Source.parse("observed-elsewhere:seer300/NBIOT_XY1100 at_onenet_proc.c").orElseThrow().kind())
                .isEqualTo(Source.Kind.OBSERVED_ELSEWHERE);
    }

    @Test
    void the_loader_takes_an_observed_source_and_names_the_form_when_one_is_malformed() {
        String good = "extends: bc260y-cn.yaml\nerrors:\n  create.twice: {value: 655, source: \"observed:R2 2026-12-07\"}\n";
        FirmwareProfile p = ProfileLoader.parse("learnt.yaml", good, java.nio.file.Path.of("fixtures/firmware"))
                .orElseThrow();
        assertThat(p.code(Mistake.CREATE_TWICE)).isEqualTo(655);
        assertThat(p.entry("errors.create.twice").orElseThrow().source().kind()).isEqualTo(Source.Kind.OBSERVED);
        String bad = good.replace("observed:R2 2026-12-07", "observed:R2");
        assertThat(ProfileLoader.parse("learnt.yaml", bad, java.nio.file.Path.of("fixtures/firmware")).errors())
                .anySatisfy(e -> assertThat(e.toString()).contains("observed:<revision> <date>"));
    }
}
