package org.miplhil.sim.lwm2m;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The virtual module's Register, Update and Bootstrap-Request as they leave the wire, driven by the MCU over a real
 * pseudo-terminal and received by {@link StrictLwm2m10Server} (a plain CoAP server on loopback, not Leshan's): the
 * OneNET SDK's form ({@link SdkRegistration}), parsed as RFC 6690 link format and held to the LwM2M 1.0 rules
 * ({@link Lwm2m10Rules}); the server refuses with 4.00 what breaks them, so event 6 is the module's registration
 * accepted by a strict 1.0 server.
 */
class SdkRegistrationWireTest {

    static final String ENDPOINT = "866971050123456;460041234567890";
    static final Duration DEADLINE = Duration.ofSeconds(20);
    /** 3311 with "101" registers instances 0 and 2; 3303 instance 0; the module's own 0, 3, 4, 5; sorted by id. */
    static final String SDK_PAYLOAD =
            "</>;rt=\"oma.lwm2m\",</0/0>,</3/0>,</4/0>,</5/0>,</3303/0>,</3311/0>,</3311/2>";

    private StrictLwm2m10Server server;
    private ModuleOverPty m;

    @AfterEach
    void tearDown() {
        if (m != null) {
            m.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void registersUpdatesAndDeregistersInTheSdksFormWithAStrictLwm2m10Server() throws Exception {
        server = new StrictLwm2m10Server();
        m = ModuleOverPty.start();
        m.ok("AT+MIPLCONFIG=0,1,0,\"127.0.0.1\"," + server.port());
        m.ok("AT+MIPLCREATE");
        m.ok("AT+MIPLADDOBJ=0,3311,3,\"101\",4,2"); // added before 3303: the SDK sorts by object id
        m.ok("AT+MIPLADDOBJ=0,3303,1,\"1\",2,0");
        m.ok("AT+MIPLOPEN=0,86400");
        m.urc("\\+MIPLEVENT: 0,4");
        m.urc("\\+MIPLEVENT: 0,6");

        StrictLwm2m10Server.Received register = server.of("register").get(0);
        assertThat(register.broken()).as("LwM2M 1.0 rules broken by %s", register).isEmpty();
        assertThat(register.path()).containsExactly("rd");
        assertThat(register.query()).as("cis_registration.c prv_getRegistrationQuery, then lt")
                .containsExactly("lwm2m=1.0", "ep=" + ENDPOINT, "b=U", "lt=86400");
        assertThat(register.contentFormat()).isEqualTo(40);
        assertThat(register.payload()).isEqualTo(SDK_PAYLOAD);
        List<LinkFormat.Link> links = LinkFormat.parse(register.payload()).orElseThrow();
        assertThat(links.get(0).params()).containsExactly(java.util.Map.entry("rt", "oma.lwm2m"));
        assertThat(links.subList(1, links.size())).allSatisfy(l -> assertThat(l.params()).isEmpty());

        m.ok("AT+MIPLUPDATE=0,3600,1"); // with the object list
        m.urc("\\+MIPLEVENT: 0,11");
        StrictLwm2m10Server.Received update = server.of("update").get(0);
        assertThat(update.path()).containsExactly("rd", "1");
        assertThat(update.query()).as("prv_updateRegistration: the lifetime only").containsExactly("lt=3600");
        assertThat(update.contentFormat()).as("prv_updateRegistration sets no Content-Format").isNull();
        assertThat(update.payload()).isEqualTo(SDK_PAYLOAD);

        m.ok("AT+MIPLUPDATE=0,3600,0"); // without
        await("a second update").atMost(DEADLINE).until(() -> server.of("update").size() == 2);
        assertThat(server.of("update").get(1).payload()).isEmpty();

        m.ok("AT+MIPLCLOSE=0");
        m.urc("\\+MIPLEVENT: 0,15");
        assertThat(server.of("deregister")).extracting(StrictLwm2m10Server.Received::path)
                .containsExactly(List.of("rd", "1"));

        // the same objects register the same bytes again: the order is the SDK's, not a hash set's
        m.ok("AT+MIPLOPEN=0,86400");
        m.urc("\\+MIPLEVENT: 0,6");
        assertThat(server.of("register")).hasSize(2);
        assertThat(server.of("register").get(1).payload()).isEqualTo(SDK_PAYLOAD);
        assertThat(server.of("register").get(1).query()).isEqualTo(register.query());
    }

    @Test
    void bootstrapsInTheSdksFormWithAStrictLwm2m10ServerThenRegistersWhereItSaid() throws Exception {
        server = new StrictLwm2m10Server();
        m = ModuleOverPty.start();
        m.ok("AT+MIPLCONFIG=0,1,1,\"127.0.0.1\"," + server.port());
        m.ok("AT+MIPLCREATE");
        m.ok("AT+MIPLADDOBJ=0,3303,1,\"1\",2,0");
        m.ok("AT+MIPLOPEN=0,86400");
        m.urc("\\+MIPLEVENT: 0,1");
        m.urc("\\+MIPLEVENT: 0,2");
        m.urc("\\+MIPLEVENT: 0,4");
        m.urc("\\+MIPLEVENT: 0,6");

        StrictLwm2m10Server.Received bs = server.of("bootstrap").get(0);
        assertThat(bs.broken()).isEmpty();
        assertThat(bs.path()).containsExactly("bs");
        assertThat(bs.query()).as("cis_bootstrap.c prv_requestBootstrap: ?ep= alone").containsExactly("ep=" + ENDPOINT);
        assertThat(bs.payload()).isEmpty();
        assertThat(server.of("bootstrap-writes").get(0).payload())
                .isEqualTo(List.of(ResponseCode.CHANGED, ResponseCode.CHANGED, ResponseCode.CHANGED).toString());
        StrictLwm2m10Server.Received register = server.of("register").get(0);
        assertThat(register.answer()).isEqualTo(ResponseCode.CREATED);
        assertThat(register.payload()).as("the Security object keeps its one SDK instance after bootstrap")
                .isEqualTo("</>;rt=\"oma.lwm2m\",</0/0>,</3/0>,</4/0>,</5/0>,</3303/0>");
    }
}
