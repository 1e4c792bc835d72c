package org.miplhil.power;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class StateTextTest {

    @Test
    void wordsDevicesUse() {
        assertThat(StateText.word("ON")).hasValue(PowerState.ON);
        assertThat(StateText.word(" true ")).hasValue(PowerState.ON);
        assertThat(StateText.word("1")).hasValue(PowerState.ON);
        assertThat(StateText.word("inactive")).hasValue(PowerState.OFF);
        assertThat(StateText.word("Off")).hasValue(PowerState.OFF);
        assertThat(StateText.word("maybe")).isEmpty();
        assertThat(StateText.word(null)).isEmpty();
    }

    @Test
    void jsonPaths() {
        assertThat(StateText.json("{\"POWER1\":\"ON\"}", "POWER1").state()).hasValue(PowerState.ON);
        assertThat(StateText.json("{\"ison\":false,\"has_timer\":false}", "ison").state()).hasValue(PowerState.OFF);
        assertThat(StateText.json("{\"relays\":[{\"ison\":true}]}", "relays.0.ison").state()).hasValue(PowerState.ON);
        assertThat(StateText.json("{\"relays\":[{\"ison\":true}]}", "relays[0].ison").state()).hasValue(PowerState.ON);
        assertThat(StateText.json("{\"a\":1}", "a").state()).hasValue(PowerState.ON);
        StateText.Read missing = StateText.json("{\"relays\":[]}", "relays.0.ison");
        assertThat(missing.state()).isEmpty();
        assertThat(missing.problem()).isEqualTo("the reply has no 'relays.0'");
        assertThat(StateText.json("<html>", "x").problem()).startsWith("the reply is not JSON");
        assertThat(StateText.json("{\"x\":{\"y\":1}}", "x").problem()).isEqualTo("'x' is {\"y\":1}, not on or off");
        assertThat(PowerSpec.Http.jsonPathProblem("a..b")).isPresent();
        assertThat(PowerSpec.Http.jsonPathProblem("relays[0].ison")).isEmpty();
    }

    @Test
    void regularExpressions() {
        Pattern tasmota = Pattern.compile("\"POWER(?:2)?\"\\s*:\\s*\"(ON|OFF)\"");
        assertThat(StateText.regex("{\"POWER2\":\"OFF\"}", tasmota).state()).hasValue(PowerState.OFF);
        assertThat(StateText.regex("{\"POWER\":\"ON\"}", tasmota).state()).hasValue(PowerState.ON);
        assertThat(StateText.regex("{\"POWER1\":\"ON\"}", tasmota).problem()).contains("does not match");
        assertThat(StateText.regex("state=half", Pattern.compile("state=(\\w+)")).problem())
                .isEqualTo("/state=(\\w+)/ captured 'half', not on or off");
    }

    @Test
    void neverThrowsOnRandomReplies() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String[] pieces = {"{", "}", "[", "]", "\"ison\"", ":", "true", ",", "\"a\"", "1", "null", "\"ON\""};
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(10);
            for (int j = 0; j < n; j++) {
                sb.append(pieces[random.nextInt(pieces.length)]);
            }
            StateText.Read r = StateText.json(sb.toString(), random.nextBoolean() ? "ison" : "a.0");
            assertThat(r.state().isPresent() || !r.problem().isEmpty()).as("seed %d: %s", seed, sb).isTrue();
            assertThat(StateText.regex(sb.toString(), Pattern.compile("\"ison\":(\\w+)")).state())
                    .as("seed %d", seed).isNotNull().isInstanceOf(Optional.class);
        }
    }
}
