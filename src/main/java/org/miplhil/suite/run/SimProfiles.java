package org.miplhil.suite.run;

import org.miplhil.sim.profile.FirmwareProfile;

/** Firmware profiles as the virtual module runs them in a run. */
final class SimProfiles {

    private SimProfiles() {
    }

    /**
     * The profile with its default servers moved to the run's platform (the embedded one, or OneNET's addresses): a real module's empty configuration
     * reaches OneNET (183.230.40.39 with bootstrap, 3.3.1), the virtual module's reaches the platform under test, so
     * a suite that creates an instance without {@code AT+MIPLCONFIG} (7.2.1) registers there too. The default port
     * is the bootstrap server's when bootstrap is the default mode, the LwM2M server's otherwise.
     */
    /**
     * The profile with the IMEI and IMSI the run gives (a virtual module of a fleet, {@code --imei}); the profile's
     * own where none is given.
     */
    static FirmwareProfile identified(FirmwareProfile p, java.util.Optional<String> imei,
                                      java.util.Optional<String> imsi) {
        if (imei.isEmpty() && imsi.isEmpty()) {
            return p;
        }
        FirmwareProfile.Identity i = p.identity();
        return p.withIdentity(new FirmwareProfile.Identity(i.manufacturer(), i.model(), i.revision(),
                imei.orElse(i.imei()), imsi.orElse(i.imsi()), i.iccid(), i.miplVersion()));
    }

    static FirmwareProfile pointedAt(FirmwareProfile p, String host, int coapPort, int bootstrapPort) {
        return pointedAt(p, host, coapPort, host, bootstrapPort);
    }

    /**
     * The same with the bootstrap server on a host of its own: OneNET's bootstrap server (183.230.40.39, 7.2.1) is
     * not its LwM2M server (183.230.40.40, 7.2.3).
     */
    static FirmwareProfile pointedAt(FirmwareProfile p, String coapHost, int coapPort, String bootstrapHost,
                                     int bootstrapPort) {
        FirmwareProfile.Mipl m = p.mipl();
        int port = m.defaultBsMode() == 1 ? bootstrapPort : coapPort;
        FirmwareProfile.Mipl moved = new FirmwareProfile.Mipl(m.configAtPowerUp(), m.defaultMode(),
                m.defaultRecvDataFormat(), m.defaultBsMode(), bootstrapHost, coapHost, port, m.defaultAutoUpdate(), m.lifetimeMin(),
                m.lifetimeMax(), m.lifetimeZeroMeans(), m.timeoutMin(), m.timeoutMax(), m.timeoutDefault(),
                m.maxResponseTime(), m.answerWindow(), m.purgeAfter(), m.deleteWaitsForDeregistration(),
                m.configQueryQuotesIp(), m.endpointName());
        return p.withMipl(moved);
    }
}
