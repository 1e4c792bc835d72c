package org.miplhil.container;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link Containers#startPlatformLab} starts the lab.
 *
 * @param bootstrap    run the bootstrap server (its port relayed too)
 * @param coapTiming   {@code onenet} (default, as the double) or {@code rfc7252}: the platform's --coap-timing
 * @param packageDir   a directory served by the package server, copied into the platform's container before it
 *                     starts; empty: no package server
 * @param startTimeout how long the containers get to answer (default 60 s)
 * @param relaySeed    the relay's random seed (the same seed, the same losses)
 */
public record LabSettings(boolean bootstrap, String coapTiming, Optional<Path> packageDir, Duration startTimeout,
                          long relaySeed) {

    public LabSettings {
        Objects.requireNonNull(coapTiming, "coapTiming");
        coapTiming = coapTiming.trim().toLowerCase(Locale.ROOT);
        if (!coapTiming.equals("onenet") && !coapTiming.equals("rfc7252")) {
            throw new IllegalArgumentException("coap timing must be onenet or rfc7252: " + coapTiming);
        }
        packageDir = packageDir == null ? Optional.empty() : packageDir.map(p -> p.toAbsolutePath().normalize());
        Objects.requireNonNull(startTimeout, "startTimeout");
        if (startTimeout.isNegative() || startTimeout.isZero()) {
            throw new IllegalArgumentException("start timeout must be positive: " + startTimeout);
        }
    }

    /** Bootstrap on, OneNET's CoAP timing, no packages, 60 s to start, seed 1. */
    public static LabSettings defaults() {
        return new LabSettings(true, "onenet", Optional.empty(), Duration.ofSeconds(60), 1);
    }

    public LabSettings withBootstrap(boolean on) {
        return new LabSettings(on, coapTiming, packageDir, startTimeout, relaySeed);
    }

    public LabSettings withPackageDir(Path dir) {
        return new LabSettings(bootstrap, coapTiming, Optional.of(dir), startTimeout, relaySeed);
    }

    public LabSettings withSeed(long seed) {
        return new LabSettings(bootstrap, coapTiming, packageDir, startTimeout, seed);
    }

    public LabSettings withStartTimeout(Duration timeout) {
        return new LabSettings(bootstrap, coapTiming, packageDir, timeout, relaySeed);
    }
}
