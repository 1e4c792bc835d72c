package org.miplhil.at;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NetworkRegistrationTest {

    @Test
    void theQueryAnswerCarriesStatSecondAndTheUrcFirst() {
        assertThat(NetworkRegistration.ofQueryAnswer("+CEREG: 0,1")).map(NetworkRegistration::registered).contains(true);
        assertThat(NetworkRegistration.ofQueryAnswer("+CEREG: 2,5,\"1A2B\",\"0C3D4E5F\",9")).map(NetworkRegistration::stat)
                .contains(5);
        assertThat(NetworkRegistration.ofQueryAnswer("+CEREG: 0,2")).map(NetworkRegistration::registered).contains(false);
        assertThat(NetworkRegistration.ofUrc("+CEREG: 1")).map(NetworkRegistration::registered).contains(true);
        assertThat(NetworkRegistration.ofUrc("+CEREG: 0")).map(NetworkRegistration::registered).contains(false);
    }

    @Test
    void otherLinesGiveNothingAndNeverThrow() {
        for (String bad : new String[] {"", "OK", "+CEREG:", "+CEREG: 0", "+CEREG: x,1", "+CEREG: 0,", "+CGATT: 1", null}) {
            assertThat(NetworkRegistration.ofQueryAnswer(bad)).as(String.valueOf(bad)).isEmpty();
        }
        assertThat(NetworkRegistration.ofUrc("+CEREG: ,")).isEmpty();
    }

    @Test
    void aChangeOfAttachmentIsAnnouncedByCeregOrTheAddress() {
        assertThat(NetworkRegistration.announcesChange("+IP: 10.0.0.7")).isTrue();
        assertThat(NetworkRegistration.announcesChange("+CEREG: 1")).isTrue();
        assertThat(NetworkRegistration.announcesChange("+CSCON: 1")).isFalse();
    }
}
