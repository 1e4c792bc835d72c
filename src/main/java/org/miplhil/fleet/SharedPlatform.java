package org.miplhil.fleet;

import java.io.PrintStream;
import java.util.Optional;
import org.miplhil.platform.Platform;
import org.miplhil.platform.leshan.LeshanPlatform;
import org.miplhil.suite.run.RunOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one embedded platform of a fleet: an LwM2M server with its bootstrap server and package server, on the run's
 * address and ports (any free ones unless the run gave some), as a single module's run starts it. Every module
 * registers to it under its own endpoint (its IMEI), as a rack's modules do to one real platform.
 */
final class SharedPlatform {

    private static final Logger LOG = LoggerFactory.getLogger(SharedPlatform.class);

    private SharedPlatform() {
    }

    /**
     * The platform started; empty when it cannot start (a port taken): the modules then start one each on free
     * ports, and the console says so.
     */
    static Optional<Platform> start(RunOptions base, PrintStream out) {
        try {
            LeshanPlatform p = LeshanPlatform.builder().address(base.platformBind()).coapPort(base.coapPort())
                    .bootstrapPort(base.bootstrapPort())
                    // the package URI of a FOTA campaign carries the address the modules reach
                    .packageHost(base.advertisedHost()).start();
            out.println("mipl-hil run: one embedded platform for the modules at " + p.coapUri()
                    + p.bootstrapUri().map(b -> " (bootstrap " + b + ")").orElse("")
                    + ", each module its own endpoint");
            return Optional.of(p);
        } catch (RuntimeException e) {
            LOG.warn("cannot start the fleet's embedded platform", e);
            out.println("mipl-hil run: cannot start one embedded platform for the modules on "
                    + base.platformBind().getHostAddress() + " (CoAP port " + base.coapPort() + ", bootstrap port "
                    + base.bootstrapPort() + "): " + e.getMessage() + "; each module starts its own on free ports");
            return Optional.empty();
        }
    }
}
