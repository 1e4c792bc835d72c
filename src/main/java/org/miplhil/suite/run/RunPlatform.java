package org.miplhil.suite.run;

import java.util.Optional;
import org.miplhil.platform.Platform;
import org.miplhil.platform.onenet.client.DeviceLookup;
import org.miplhil.platform.onenet.client.OneNetPlatform;

/**
 * The platform a run would start ({@link Bench#start}: the embedded LwM2M platform on the run's bind address and
 * ports, or OneNET through its adapter), for a caller that brings its own module: {@code profile learn}. Where the
 * module must reach it is the run's too ({@link #host()}, {@link #coapPort()}: what {@code AT+MIPLCONFIG} names).
 * Not for {@code --platform container}: that lab is started by the suite runner.
 */
public final class RunPlatform implements AutoCloseable {

    private final RunOptions options;
    private final Bench bench;

    private RunPlatform(RunOptions options, Bench bench) {
        this.options = options;
        this.bench = bench;
    }

    /** Starts the run's platform; a platform that cannot start is a {@link BenchException} with why. */
    public static RunPlatform start(RunOptions options) throws BenchException {
        if (options.container()) {
            throw BenchException.infrastructure(RunOptions.CONTAINER_NAME + " is started by the suite runner only", null);
        }
        return new RunPlatform(options, Bench.start(options));
    }

    public Platform platform() {
        return bench.platform();
    }

    /** The platform's LwM2M server's host as the module must write it ({@code AT+MIPLCONFIG}). */
    public String host() {
        return bench.platformHost();
    }

    public int coapPort() {
        return bench.coapPort();
    }

    /** How messages name it ("the embedded platform", "OneNET"). */
    public String name() {
        return options.platformName();
    }

    /**
     * Why a real module cannot reach it, when it cannot: the embedded platform advertised on a loopback address (as
     * the run's health check skips its registration then). Empty for the virtual module and for OneNET.
     */
    public Optional<String> unreachableBy(Target target) {
        String h = host();
        boolean loopback = h.startsWith("127.") || h.equals("localhost") || h.equals("::1");
        if (target.isSim() || options.onenet().isPresent() || !loopback) {
            return Optional.empty();
        }
        return Optional.of(name() + " is at " + h + ", which a real module cannot reach (--platform-host)");
    }

    /**
     * On OneNET the module's device must exist before it registers: found by IMEI, created with its IMSI when absent;
     * empty when it exists (or the platform is the embedded one), else OneNET's answer.
     */
    public Optional<String> ensureDevice(String imei, String imsi) {
        if (!(bench.platform() instanceof OneNetPlatform oneNet)) {
            return Optional.empty();
        }
        DeviceLookup d = oneNet.ensureDevice(imei, imsi);
        return d.present() ? Optional.empty()
                : Optional.of("OneNET has no device for the module (IMEI " + imei + "): " + d.status() + ": " + d.message());
    }

    @Override
    public void close() {
        bench.close();
    }
}
