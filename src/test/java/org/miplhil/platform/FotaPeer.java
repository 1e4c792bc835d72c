package org.miplhil.platform;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.BlockOption;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.leshan.client.resource.BaseInstanceEnabler;
import org.eclipse.leshan.client.servers.LwM2mServer;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.node.LwM2mResource;
import org.eclipse.leshan.core.request.argument.Arguments;
import org.eclipse.leshan.core.response.ExecuteResponse;
import org.eclipse.leshan.core.response.ReadResponse;
import org.eclipse.leshan.core.response.WriteResponse;
import org.miplhil.platform.leshan.CoapSettings;

/**
 * A device that takes firmware updates the LwM2M way, for tests of the platform's campaign: a real Leshan
 * client whose Firmware Update object (/5) downloads the package URI written into /5/0/1 with a Californium
 * client, block by block over UDP, checks it against the SHA-256 it expects, and changes /5/0/3 and /5/0/5 as
 * LwM2M 1.0 E.6 says. Executing /5/0/2 restarts the client (stop, new firmware, start), as a module reboots.
 */
public final class FotaPeer implements AutoCloseable {

    /** What the peer does with a package URI. */
    public enum Download {
        /** Downloads it and checks its digest: DOWNLOADED, or IDLE with result 5 on a mismatch. */
        FETCH,
        /** Goes to DOWNLOADING and stays there. */
        STALL
    }

    private final String endpoint;
    private final byte[] expectedSha256;
    private final String newVersion;
    private final Download download;
    private final boolean deregisterOnReboot;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fota-peer");
        t.setDaemon(true);
        return t;
    });
    private final DeviceObject device;
    private final Connectivity connectivity = new Connectivity();
    private final Firmware firmware = new Firmware();
    private final Enablers.Temperature temperature = new Enablers.Temperature(0, 20.0);
    private final TestClient client;
    /** What the peer saw, for assertion messages. */
    public final List<String> log = new CopyOnWriteArrayList<>();
    volatile byte[] downloaded;

    private FotaPeer(String serverUri, String endpoint, String version, String newVersion, byte[] expectedPackage,
                     Download download, boolean deregisterOnReboot) {
        this.endpoint = endpoint;
        this.expectedSha256 = sha256(expectedPackage);
        this.newVersion = newVersion;
        this.download = download;
        this.deregisterOnReboot = deregisterOnReboot;
        this.device = new DeviceObject(version);
        this.client = TestClient.named(endpoint).server(serverUri).object(3, device).object(4, connectivity)
                .object(5, firmware).object(3303, temperature).build();
    }

    /**
     * A peer running {@code version} that becomes {@code newVersion} after an update, and accepts exactly
     * {@code expectedPackage}.
     */
    public static FotaPeer start(String serverUri, String endpoint, String version, String newVersion,
                                 byte[] expectedPackage, Download download, boolean deregisterOnReboot) {
        FotaPeer p = new FotaPeer(serverUri, endpoint, version, newVersion, expectedPackage, download,
                deregisterOnReboot);
        p.client.start();
        return p;
    }

    public String endpoint() {
        return endpoint;
    }

    /** Sends a registration update now (an uplink). */
    public void update() {
        client.update();
    }

    /** Changes the temperature, which notifies an observer of /3303/0 (an uplink). */
    public void notifyTemperature(double value) {
        temperature.set(value);
    }

    public byte[] downloaded() {
        return downloaded;
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            client.stop(true);
        } catch (RuntimeException e) {
            // already stopped
        }
        client.close();
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** /3/0: Leshan's device object with a firmware version (3) that changes on update and a battery level (9). */
    final class DeviceObject extends org.eclipse.leshan.client.object.Device {
        volatile String version;

        DeviceObject(String version) {
            super("Quectel", "BC260Y-CN", "866971030000001");
            this.version = version;
        }

        @Override
        public ReadResponse read(LwM2mServer server, int resourceId) {
            return switch (resourceId) {
                case 3 -> ReadResponse.success(3, version);
                case 9 -> ReadResponse.success(9, 87L);
                default -> super.read(server, resourceId);
            };
        }

        @Override
        public List<Integer> getAvailableResourceIds(ObjectModel model) {
            java.util.Set<Integer> ids = new java.util.TreeSet<>(super.getAvailableResourceIds(model));
            ids.add(3);
            ids.add(9);
            return List.copyOf(ids);
        }
    }

    /** /4/0: radio signal strength (2) and cell id (8). */
    static final class Connectivity extends BaseInstanceEnabler {
        Connectivity() {
            super(0);
        }

        @Override
        public ReadResponse read(LwM2mServer server, int resourceId) {
            return switch (resourceId) {
                case 2 -> ReadResponse.success(2, -85L);
                case 8 -> ReadResponse.success(8, 0x0A1B2C3L);
                default -> super.read(server, resourceId);
            };
        }

        @Override
        public List<Integer> getAvailableResourceIds(ObjectModel model) {
            return List.of(2, 8);
        }
    }

    /** /5/0: package URI (1), update (2), state (3), update result (5). */
    final class Firmware extends BaseInstanceEnabler {
        volatile long state;
        volatile long result;
        volatile String uri = "";

        Firmware() {
            super(0);
        }

        @Override
        public ReadResponse read(LwM2mServer server, int resourceId) {
            return switch (resourceId) {
                case 1 -> ReadResponse.success(1, uri);
                case 3 -> ReadResponse.success(3, state);
                case 5 -> ReadResponse.success(5, result);
                default -> super.read(server, resourceId);
            };
        }

        @Override
        public WriteResponse write(LwM2mServer server, boolean replace, int resourceId, LwM2mResource value) {
            if (resourceId != 1) {
                return super.write(server, replace, resourceId, value);
            }
            uri = String.valueOf(value.getValue());
            log.add("package URI " + uri);
            result = 0;
            set(1);
            if (download == Download.FETCH) {
                executor.execute(this::fetch);
            }
            return WriteResponse.success();
        }

        private void fetch() {
            Configuration c = Configuration.createStandardWithoutFile();
            CoapSettings.defaults().withMaxResourceBodySize(4 << 20).applyTo(c);
            c.set(CoapConfig.PREFERRED_BLOCK_SIZE, 256);
            CoapEndpoint ep = new CoapEndpoint.Builder().setConfiguration(c)
                    .setInetSocketAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).build();
            CoapClient coap = new CoapClient(URI.create(uri));
            coap.setEndpoint(ep);
            coap.setTimeout(Duration.ofSeconds(20).toMillis());
            try {
                Request get = Request.newGet();
                get.getOptions().setBlock2(BlockOption.size2Szx(256), false, 0);
                CoapResponse r = coap.advanced(get);
                if (r == null) {
                    fail(4, "no answer"); // connection lost during download
                } else if (!r.isSuccess()) {
                    fail(7, "answer " + r.getCode()); // invalid URI
                } else {
                    downloaded = r.getPayload();
                    if (Arrays.equals(sha256(downloaded), expectedSha256)) {
                        log.add("downloaded " + downloaded.length + " bytes");
                        set(2);
                    } else {
                        fail(5, "digest mismatch on " + downloaded.length + " bytes");
                    }
                }
            } catch (Exception e) {
                fail(4, e.toString());
            } finally {
                coap.shutdown();
                ep.destroy();
            }
        }

        private void fail(long code, String why) {
            log.add("download failed: " + why);
            result = code;
            set(0);
        }

        private void set(long newState) {
            state = newState;
            fireResourceChange(3);
        }

        @Override
        public ExecuteResponse execute(LwM2mServer server, int resourceId, Arguments arguments) {
            if (resourceId != 2) {
                return super.execute(server, resourceId, arguments);
            }
            if (state != 2) {
                return ExecuteResponse.methodNotAllowed();
            }
            set(3);
            log.add("updating");
            // the module reboots once the answer is out: restart the client with the new firmware
            executor.schedule(() -> {
                client.stop(deregisterOnReboot);
                device.version = newVersion;
                result = 1;
                state = 0;
                log.add("rebooted as " + newVersion);
                client.start();
            }, 300, TimeUnit.MILLISECONDS);
            return ExecuteResponse.success();
        }

        @Override
        public List<Integer> getAvailableResourceIds(ObjectModel model) {
            return List.of(1, 2, 3, 5);
        }
    }
}
