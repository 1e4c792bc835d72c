package org.miplhil.suite.run;

import org.miplhil.sim.profile.FirmwareProfile;

/** Firmware profiles as the virtual module runs them in a run. */
final class SimProfiles {

    private SimProfiles() {
    }

    /**
     * The profile with its default servers moved to the embedded platform: a real module's empty configuration
     * reaches OneNET (183.230.40.39 with bootstrap, 3.3.1), the virtual module's reaches the platform under test, so
     * a suite that creates an instance without {@code AT+MIPLCONFIG} (7.2.1) registers there too. The default port
     * is the bootstrap server's when bootstrap is the default mode, the LwM2M server's otherwise.
     */
    static FirmwareProfile pointedAt(FirmwareProfile p, String host, int coapPort, int bootstrapPort) {
        FirmwareProfile.Mipl m = p.mipl();
        int port = m.defaultBsMode() == 1 ? bootstrapPort : coapPort;
        FirmwareProfile.Mipl moved = new FirmwareProfile.Mipl(m.configAtPowerUp(), m.defaultMode(),
                m.defaultRecvDataFormat(), m.defaultBsMode(), host, host, port, m.defaultAutoUpdate(), m.lifetimeMin(),
                m.lifetimeMax(), m.lifetimeZeroMeans(), m.timeoutMin(), m.timeoutMax(), m.timeoutDefault(),
                m.maxResponseTime(), m.answerWindow(), m.purgeAfter(), m.deleteWaitsForDeregistration(),
                m.configQueryQuotesIp(), m.endpointName());
        return new FirmwareProfile(p.origin(), p.identity(), p.at(), p.network(), p.powerUp(), moved, p.limits(),
                p.errors(), p.responseDelays(), p.testResponses(), p.lwm2m(), p.fota(), p.general(), p.entries());
    }
}
