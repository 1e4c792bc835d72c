package org.miplhil.sim.lwm2m;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The strict LwM2M 1.0 check and the link-format reader, on payloads as they were seen on the wire. */
class Lwm2m10RulesTest {

    static final List<String> SDK_QUERY = List.of("lwm2m=1.0", "ep=866971050123456;460041234567890", "b=U",
            "lt=86400");

    @Test
    void theSdksRegisterPassesAndParses() {
        String payload = SdkRegistration.payload(Map.of(3311, List.of(2, 0), 0, List.of(0), 3, List.of(0)));
        assertThat(payload).isEqualTo("</>;rt=\"oma.lwm2m\",</0/0>,</3/0>,</3311/0>,</3311/2>");
        assertThat(Lwm2m10Rules.register(SDK_QUERY, 40, payload)).isEmpty();
        assertThat(LinkFormat.parse(payload).orElseThrow()).extracting(LinkFormat.Link::uri)
                .containsExactly("/", "/0/0", "/3/0", "/3311/0", "/3311/2");
    }

    @Test
    void anObjectWithoutInstancesIsListedAlone() {
        assertThat(SdkRegistration.payload(Map.of(19, List.of()))).isEqualTo("</>;rt=\"oma.lwm2m\",</19>");
    }

    @Test
    void theRegisterAnIndependentServerRefusedBreaksTheRules() {
        // the payload of the report: a 1.0 client advertising 1.1 formats and object versions
        String payload = "</>;rt=\"oma.lwm2m\";ct=\"11543 60 112 0 42 110\",</1>;ver=1.1,</1/0>,</3>;ver=1.2,"
                + "</3/0>,</4>;ver=1.3,</4/0>";
        List<String> broken = Lwm2m10Rules.register(SDK_QUERY, 40, payload);
        assertThat(broken).anySatisfy(b -> assertThat(b).contains("ct=\"11543 60 112 0 42 110\""))
                .anySatisfy(b -> assertThat(b).contains("ver=1.1"))
                .anySatisfy(b -> assertThat(b).contains("ver=1.2"))
                .anySatisfy(b -> assertThat(b).contains("ver=1.3"));
    }

    @Test
    void otherBreaches() {
        assertThat(Lwm2m10Rules.register(SDK_QUERY, 40, "</>;rt=\"oma.lwm2m\";ct=110,</3/0>"))
                .anySatisfy(b -> assertThat(b).contains("ct=\"110\""));
        assertThat(Lwm2m10Rules.register(List.of("ep=x", "lwm2m=1.1", "Q"), 40, "</3/0>"))
                .anySatisfy(b -> assertThat(b).contains("lwm2m=1.1"))
                .anySatisfy(b -> assertThat(b).contains("Q is not one of 1.0"));
        assertThat(Lwm2m10Rules.register(List.of("lt=60"), null, "</3/0>,"))
                .anySatisfy(b -> assertThat(b).contains("Content-Format null"))
                .anySatisfy(b -> assertThat(b).contains("no ep"))
                .anySatisfy(b -> assertThat(b).contains("not RFC 6690"));
        assertThat(Lwm2m10Rules.register(SDK_QUERY, 40, "</3/0>,</3/0>,</a/b>"))
                .anySatisfy(b -> assertThat(b).contains("/3/0 twice"))
                .anySatisfy(b -> assertThat(b).contains("/a/b is not an object"));
        assertThat(Lwm2m10Rules.bootstrapRequest(List.of("ep=x", "pct=11542"), null)).hasSize(1);
        assertThat(Lwm2m10Rules.bootstrapRequest(List.of("ep=x"), new byte[0])).isEmpty();
    }

    @Test
    void linkFormatReaderRejectsWhatRfc6690Does() {
        assertThat(LinkFormat.parse("")).isEmpty();
        assertThat(LinkFormat.parse("</3/0")).isEmpty();
        assertThat(LinkFormat.parse("</3/0>;ct=\"0 42")).isEmpty();
        assertThat(LinkFormat.parse("</3/0>x")).isEmpty();
        assertThat(LinkFormat.parse("</>;rt=\"a,b\";obs,</3>").orElseThrow())
                .extracting(LinkFormat.Link::uri).containsExactly("/", "/3");
    }
}
