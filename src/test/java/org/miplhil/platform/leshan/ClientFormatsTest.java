package org.miplhil.platform.leshan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.eclipse.leshan.core.LwM2m.LwM2mVersion;
import org.eclipse.leshan.core.link.DefaultLinkParser;
import org.eclipse.leshan.core.link.Link;
import org.eclipse.leshan.core.request.ContentFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.miplhil.platform.Enablers;
import org.miplhil.platform.TestClient;
import org.miplhil.platform.TestModels;
import org.miplhil.platform.CoapCode;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.PlatformResult;
import org.miplhil.platform.ResourceValue;
import org.miplhil.platform.ResourceWrite;
import org.miplhil.platform.WriteMode;

/**
 * The platform reads and writes in a content format the client advertised at registration: a real Leshan client
 * over loopback that encodes and decodes text only (or JSON only) would answer a TLV request 4.06 / 4.15.
 */
class ClientFormatsTest {

    static final String ENDPOINT = "866971030000001;460041234567891";
    static final Duration WAIT = Duration.ofSeconds(10);

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private LeshanPlatform platform;

    @AfterEach
    void tearDown() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private void startWith(ContentFormat... formats) {
        platform = LeshanPlatform.builder().models(TestModels.all()).oneNetBehaviour(false).start();
        toClose.add(platform);
        toClose.add(TestClient.named(ENDPOINT).server(platform.coapUri()).formats(formats)
                .object(3311, Enablers.lightControl(0)).start());
        await("registration of " + ENDPOINT).atMost(WAIT).until(() -> platform.device(ENDPOINT).isPresent());
    }

    @Test
    void aClientWithTextOnlyIsReadAndWrittenInText() {
        startWith(ContentFormat.TEXT);
        assertThat(platform.formats(ENDPOINT).advertised()).containsExactly(ContentFormat.TEXT);

        NodePath dimmer = NodePath.resource(3311, 0, 5851);
        PlatformResult w = platform.write(ENDPOINT, dimmer, WriteMode.REPLACE,
                List.of(new ResourceWrite(5851, ResourceValue.of(75L))), WAIT);
        assertThat(w).as("write in text").isInstanceOfSatisfying(PlatformResult.Answered.class,
                a -> assertThat(a.code()).isEqualTo(CoapCode.CHANGED));
        PlatformResult r = platform.read(ENDPOINT, dimmer, WAIT);
        assertThat(r).as("read in text").isInstanceOfSatisfying(PlatformResult.Answered.class, a -> {
            assertThat(a.code()).isEqualTo(CoapCode.CONTENT);
            assertThat(a.values()).extracting(v -> v.value().text()).containsExactly("75");
        });
        // an instance has no text form: the client advertised nothing the write could use
        assertThat(platform.write(ENDPOINT, NodePath.instance(3311, 0), WriteMode.PARTIAL_UPDATE,
                List.of(new ResourceWrite(5851, ResourceValue.of(10L))), WAIT))
                .isInstanceOf(PlatformResult.InvalidRequest.class);
    }

    @Test
    void aClientWithJsonOnlyIsReadAndWrittenInJson() {
        startWith(ContentFormat.JSON);
        NodePath dimmer = NodePath.resource(3311, 0, 5851);
        assertThat(platform.write(ENDPOINT, dimmer, WriteMode.REPLACE,
                List.of(new ResourceWrite(5851, ResourceValue.of(33L))), WAIT))
                .isInstanceOfSatisfying(PlatformResult.Answered.class,
                        a -> assertThat(a.code()).isEqualTo(CoapCode.CHANGED));
        assertThat(platform.read(ENDPOINT, NodePath.instance(3311, 0), WAIT))
                .isInstanceOfSatisfying(PlatformResult.Answered.class, a -> {
                    assertThat(a.code()).isEqualTo(CoapCode.CONTENT);
                    assertThat(a.values()).anySatisfy(v -> {
                        assertThat(v.path()).isEqualTo(dimmer);
                        assertThat(v.value().text()).isEqualTo("33");
                    });
                });
    }

    @Test
    void withoutCtALwm2m10ClientIsTakenAtItsMandatoryFormatsAndTlvComesFirst() throws Exception {
        Link[] sdk = new DefaultLinkParser().parseCoreLinkFormat("</>;rt=\"oma.lwm2m\",</0/0>,</3311/0>".getBytes());
        ClientFormats f = ClientFormats.of(sdk, LwM2mVersion.V1_0, Set.of());
        assertThat(f.fromClient()).isFalse();
        assertThat(f.forRead(NodePath.resource(3311, 0, 5850))).contains(ContentFormat.TLV);
        assertThat(f.forRead(NodePath.object(3311))).contains(ContentFormat.TLV);

        Link[] text = new DefaultLinkParser().parseCoreLinkFormat("</>;rt=\"oma.lwm2m\";ct=0,</3311/0>".getBytes());
        ClientFormats t = ClientFormats.of(text, LwM2mVersion.V1_0, Set.of());
        assertThat(t.advertised()).containsExactly(ContentFormat.TEXT);
        assertThat(t.forRead(NodePath.resource(3311, 0, 5850))).contains(ContentFormat.TEXT);
        assertThat(t.forRead(NodePath.instance(3311, 0))).isEmpty();
        assertThat(t.forWrite(NodePath.resource(3311, 0, 5850),
                List.of(new ResourceWrite(5850, ResourceValue.of(true))))).contains(ContentFormat.TEXT);
        assertThat(t.forWrite(NodePath.resource(3311, 0, 5850),
                List.of(new ResourceWrite(5850, ResourceValue.of(new byte[] {1}))))).isEmpty();
    }
}
