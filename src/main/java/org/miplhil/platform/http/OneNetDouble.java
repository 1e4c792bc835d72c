package org.miplhil.platform.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.miplhil.platform.leshan.DevicePolicy;
import org.miplhil.platform.leshan.LeshanPlatform;
import org.miplhil.platform.onenet.OneNetCredentials;
import org.miplhil.platform.onenet.push.PushSender;

/**
 * The OneNET double in front of a started embedded platform: the HTTP API of both generations ({@link OneNetHttpApi})
 * and, with push settings, OneNET's HTTP push of what the platform sees ({@link PushSender} fed by a
 * {@link PushEmitter}, cached-command results included). A device created through the API with {@code obsv} false
 * is not observed at its next registration. {@code ./mipl-hil platform} and tests that need OneNET on loopback start
 * it the same way. Closing it closes the push and the API, not the platform.
 */
public final class OneNetDouble implements AutoCloseable {

    private final OneNetHttpApi api;
    private final Optional<PushSender> push;
    private final Optional<PushEmitter> emitter;
    private final LeshanPlatform platform;

    private OneNetDouble(OneNetHttpApi api, Optional<PushSender> push, Optional<PushEmitter> emitter,
                         LeshanPlatform platform) {
        this.api = api;
        this.push = push;
        this.emitter = emitter;
        this.platform = platform;
    }

    /**
     * Starts the API on {@code address} and, when {@code push} is given, the push to its URL (it begins with
     * OneNET's URL check and pushes from then on).
     *
     * @param credentials what the API accepts (none of a kind set: any); the push token and AES key sign and
     *                    encrypt the pushes
     * @throws IOException              the API cannot serve HTTP on the address
     * @throws IllegalArgumentException a push URL or AES key that cannot be used (nothing started)
     */
    public static OneNetDouble start(LeshanPlatform platform, InetSocketAddress address, int threads, Path packages,
                                     OneNetCredentials credentials, Optional<PushSender.Settings> push)
            throws IOException {
        PushSender sender = push.map(PushSender::start).orElse(null);
        // the double's push content: dev_id from its device registry, cached-command results (type 7) through it too
        AtomicReference<OneNetHttpApi> started = new AtomicReference<>();
        PushEmitter emitter = sender == null ? null : PushEmitter.to(sender, imei -> devIdOf(started.get(), imei));
        OneNetHttpApi api;
        try {
            OneNetHttpApi.Builder b = OneNetHttpApi.builder(platform).address(address).threads(threads)
                    .packages(packages).credentials(credentials);
            if (emitter != null) {
                b.pushSink(emitter::emit);
            }
            api = b.start();
        } catch (IOException | RuntimeException e) {
            if (sender != null) {
                sender.close();
            }
            // the push settings were good: what fails now is serving HTTP
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
        started.set(api);
        DevicePolicy base = platform.devicePolicy();
        platform.devicePolicy(new DevicePolicy() {
            @Override
            public boolean observe(String imei) {
                return api.devices().observeOnRegistration(imei).orElseGet(() -> base.observe(imei));
            }

            @Override
            public boolean discover(String imei) {
                return base.discover(imei);
            }

            @Override
            public String toString() {
                return base + "; obsv of devices created through the API";
            }
        });
        if (emitter != null) {
            platform.addListener(emitter);
        }
        return new OneNetDouble(api, Optional.ofNullable(sender), Optional.ofNullable(emitter), platform);
    }

    public OneNetHttpApi api() {
        return api;
    }

    public int httpPort() {
        return api.port();
    }

    /** The push sender, when pushing. */
    public Optional<PushSender> push() {
        return push;
    }

    @Override
    public void close() {
        emitter.ifPresent(platform::removeListener);
        push.ifPresent(PushSender::close);
        api.close();
    }

    /** The dev_id the double gave a device created through its API; else a stable number from the IMEI. */
    static long devIdOf(OneNetHttpApi api, String imei) {
        if (api != null) {
            var created = api.devices().byImei(imei);
            if (created.isPresent()) {
                try {
                    return Long.parseLong(created.get().devId());
                } catch (NumberFormatException e) {
                    // a non-numeric id: fall back to the derived one
                }
            }
        }
        return PushEmitter.defaultDevId(imei);
    }
}
