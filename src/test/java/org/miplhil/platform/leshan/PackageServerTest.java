package org.miplhil.platform.leshan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.BlockOption;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.exception.ConnectorException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.platform.fota.PackageTransfer;

/** The package server against a real Californium client over real UDP on loopback. */
class PackageServerTest {

    @TempDir
    Path dir;

    private PackageServer server;
    private CoapEndpoint clientEndpoint;
    private final List<PackageTransfer> heard = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        server = PackageServer.builder().directory(dir).blockSize(512).start();
        server.addListener(heard::add);
        Configuration c = Configuration.createStandardWithoutFile();
        CoapSettings.defaults().withMaxResourceBodySize(1 << 20).applyTo(c);
        c.set(CoapConfig.PREFERRED_BLOCK_SIZE, 256);
        clientEndpoint = new CoapEndpoint.Builder().setConfiguration(c)
                .setInetSocketAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).build();
    }

    @AfterEach
    void stop() {
        if (clientEndpoint != null) {
            clientEndpoint.destroy();
        }
        server.close();
    }

    private static byte[] randomBytes(long seed, int n) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private CoapClient client(URI uri) {
        CoapClient c = new CoapClient(uri);
        c.setEndpoint(clientEndpoint);
        c.setTimeout(10_000L);
        return c;
    }

    @Test
    void servesAFileOfManyBlocksBlockWiseAndLogsTheTransfer() throws Exception {
        byte[] content = randomBytes(42, 5 * 1024 + 77); // 21 blocks of 256, the last one short
        Files.write(dir.resolve("delta-a03-beta.bin"), content);
        URI uri = server.uri("delta-a03-beta.bin");
        assertThat(uri.toString()).isEqualTo("coap://127.0.0.1:" + server.port() + "/fota/delta-a03-beta.bin");

        CoapClient c = client(uri);
        Request get = Request.newGet();
        get.getOptions().setBlock2(BlockOption.size2Szx(256), false, 0); // early negotiation: 256-byte blocks
        CoapResponse r = c.advanced(get);
        c.shutdown();

        assertThat(r).as("answer to GET " + uri).isNotNull();
        assertThat(r.getCode()).isEqualTo(ResponseCode.CONTENT);
        assertThat(r.getPayload()).as("reassembled package").isEqualTo(content);
        await("transfer log entry").atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(server.transfers()).singleElement().satisfies(t -> {
                    assertThat(t.status()).isEqualTo(PackageTransfer.Status.COMPLETE);
                    assertThat(t.file()).isEqualTo("delta-a03-beta.bin");
                    assertThat(t.size()).isEqualTo(content.length);
                    assertThat(t.bytes()).isEqualTo(content.length);
                    assertThat(t.blocks()).isEqualTo(21);
                    assertThat(t.blockSize()).isEqualTo(256);
                    assertThat(t.peer()).isEqualTo("127.0.0.1:" + clientEndpoint.getAddress().getPort());
                }));
        assertThat(heard).extracting(PackageTransfer::status)
                .containsExactly(PackageTransfer.Status.IN_PROGRESS, PackageTransfer.Status.COMPLETE);
    }

    @Test
    void eachBlockAskedForIsTheMatchingSliceWithTheMoreFlag() throws Exception {
        byte[] content = randomBytes(7, 1300);
        Files.write(dir.resolve("p.bin"), content);
        CoapEndpoint raw = rawEndpoint();
        try {
            CoapClient c = new CoapClient(server.uri("p.bin"));
            c.setEndpoint(raw);
            c.setTimeout(10_000L);
            for (int num = 0; num < 3; num++) {
                Request get = Request.newGet();
                get.getOptions().setBlock2(BlockOption.size2Szx(512), false, num);
                CoapResponse r = c.advanced(get);
                assertThat(r).as("block " + num).isNotNull();
                BlockOption b2 = r.getOptions().getBlock2();
                assertThat(b2.getNum()).isEqualTo(num);
                assertThat(b2.getSize()).isEqualTo(512);
                assertThat(b2.isM()).as("more after block " + num).isEqualTo(num < 2);
                int from = num * 512;
                assertThat(r.getPayload()).isEqualTo(java.util.Arrays.copyOfRange(content, from,
                        Math.min(content.length, from + 512)));
                if (num == 0) {
                    assertThat(r.getOptions().getSize2()).isEqualTo(1300);
                }
            }
            Request past = Request.newGet();
            past.getOptions().setBlock2(BlockOption.size2Szx(512), false, 3);
            assertThat(c.advanced(past).getCode()).isEqualTo(ResponseCode.BAD_OPTION);
            c.shutdown();
        } finally {
            raw.destroy();
        }
        assertThat(server.transfers()).extracting(PackageTransfer::status)
                .containsExactly(PackageTransfer.Status.COMPLETE, PackageTransfer.Status.BAD_BLOCK);
    }

    @Test
    void randomFilesAndBlocksAreServedAsTheirSlices() throws Exception {
        long seed = new Random().nextLong();
        Random rnd = new Random(seed);
        CoapEndpoint raw = rawEndpoint();
        try {
            for (int i = 0; i < 40; i++) {
                byte[] content = randomBytes(rnd.nextLong(), rnd.nextInt(4000));
                String name = "r" + i + ".bin";
                Files.write(dir.resolve(name), content);
                int size = 16 << rnd.nextInt(7); // 16..1024
                int num = rnd.nextInt(content.length / size + 2);
                CoapClient c = new CoapClient(server.uri(name));
                c.setEndpoint(raw);
                c.setTimeout(10_000L);
                Request get = Request.newGet();
                get.getOptions().setBlock2(BlockOption.size2Szx(size), false, num);
                CoapResponse r = c.advanced(get);
                c.shutdown();
                String what = "seed " + seed + ", file of " + content.length + " bytes, block " + num + " of " + size;
                assertThat(r).as(what).isNotNull();
                long offset = (long) num * size;
                if (offset > 0 && offset >= content.length) {
                    assertThat(r.getCode()).as(what).isEqualTo(ResponseCode.BAD_OPTION);
                    continue;
                }
                int served = Math.min(size, 512);
                int servedNum = (int) (offset / served);
                int from = servedNum * served;
                int to = Math.min(content.length, from + served);
                assertThat(r.getCode()).as(what).isEqualTo(ResponseCode.CONTENT);
                assertThat(r.getOptions().getBlock2().getNum()).as(what).isEqualTo(servedNum);
                assertThat(r.getOptions().getBlock2().getSize()).as(what).isEqualTo(served);
                assertThat(r.getOptions().getBlock2().isM()).as(what).isEqualTo(to < content.length);
                assertThat(r.getPayload()).as(what).isEqualTo(java.util.Arrays.copyOfRange(content, from, to));
            }
        } finally {
            raw.destroy();
        }
    }

    @Test
    void aBlockSizeAboveTheServersIsCutToIt() throws Exception {
        Files.write(dir.resolve("big.bin"), randomBytes(3, 2000));
        CoapEndpoint raw = rawEndpoint();
        try {
            CoapClient c = new CoapClient(server.uri("big.bin"));
            c.setEndpoint(raw);
            c.setTimeout(10_000L);
            Request get = Request.newGet();
            get.getOptions().setBlock2(BlockOption.size2Szx(1024), false, 0);
            CoapResponse r = c.advanced(get);
            c.shutdown();
            assertThat(r.getOptions().getBlock2().getSize()).isEqualTo(512);
            assertThat(r.getPayload()).hasSize(512);
        } finally {
            raw.destroy();
        }
    }

    @Test
    void aMissingPackageIs404AndLogged() throws ConnectorException, IOException {
        CoapClient c = client(server.uri("no-such.bin"));
        CoapResponse r = c.get();
        c.shutdown();
        assertThat(r).isNotNull();
        assertThat(r.getCode()).isEqualTo(ResponseCode.NOT_FOUND);
        assertThat(server.transfers()).singleElement().satisfies(t -> {
            assertThat(t.status()).isEqualTo(PackageTransfer.Status.NOT_FOUND);
            assertThat(t.file()).isEqualTo("no-such.bin");
            assertThat(t.blocks()).isZero();
        });
    }

    @Test
    void pathsOutsideTheDirectoryAreNotServed() throws Exception {
        Path outside = Files.createTempFile("outside", ".bin");
        try {
            Files.write(outside, new byte[] {1, 2, 3});
            CoapClient c = client(URI.create("coap://127.0.0.1:" + server.port() + "/fota/..%2F"
                    + outside.getFileName()));
            assertThat(c.get().getCode()).isEqualTo(ResponseCode.NOT_FOUND);
            c.shutdown();
        } finally {
            Files.deleteIfExists(outside);
        }
    }

    @Test
    void anOfferedFileIsServedUnderItsNameFromAnywhere() throws Exception {
        Path elsewhere = Files.createTempDirectory("pkg");
        Path f = elsewhere.resolve("offered v2.bin");
        byte[] content = randomBytes(9, 700);
        Files.write(f, content);
        try {
            URI uri = server.offer(f);
            assertThat(uri.getRawPath()).isEqualTo("/fota/offered%20v2.bin");
            CoapClient c = client(uri);
            CoapResponse r = c.get();
            c.shutdown();
            assertThat(r.getPayload()).isEqualTo(content);
        } finally {
            Files.deleteIfExists(f);
            Files.deleteIfExists(elsewhere);
        }
    }

    @Test
    void theAdvertisedHostIsWhatTheUriCarries() {
        try (PackageServer s = PackageServer.builder().directory(dir).advertisedHost("10.0.0.7").start()) {
            assertThat(s.uri("a.bin")).hasToString("coap://10.0.0.7:" + s.port() + "/fota/a.bin");
        }
    }

    /** A client endpoint without transparent block-wise handling: each block is one request. */
    private static CoapEndpoint rawEndpoint() {
        Configuration c = Configuration.createStandardWithoutFile();
        CoapSettings.defaults().withMaxResourceBodySize(0).applyTo(c);
        return new CoapEndpoint.Builder().setConfiguration(c)
                .setInetSocketAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).build();
    }
}
