package org.miplhil.sim;

import org.miplhil.sim.registrar.AccessConfig;

import java.util.function.Function;
import java.util.regex.Pattern;
import org.miplhil.at.MiplConfig;
import org.miplhil.at.MiplResponse.ConfigInfo;
import org.miplhil.sim.Outcome.Reply;
import org.miplhil.sim.profile.FirmwareProfile;
import org.miplhil.sim.profile.FirmwareProfile.ConfigAtPowerUp;
import org.miplhil.sim.profile.Mistake;

/**
 * 3.3.1 AT+MIPLCONFIG: the access configuration the next AT+MIPLCREATE and AT+MIPLOPEN use, kept beside
 * {@link MiplInterpreter} (which checks the instance and the form before it gets here). Not kept across a power cut.
 */
final class ConfigCommand {

    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final FirmwareProfile profile;
    /** A MIPL error in the form AT+CMEE selects. */
    private final Function<Mistake, Reply> mistake;
    /** Null until configured (unless the profile's power-up state is the defaults). */
    private AccessConfig config;

    ConfigCommand(FirmwareProfile profile, Function<Mistake, Reply> mistake) {
        this.profile = profile;
        this.mistake = mistake;
    }

    /** Power-on: the profile's power-up configuration (none, or the defaults). */
    void powerUp() {
        config = profile.mipl().configAtPowerUp() == ConfigAtPowerUp.DEFAULTS ? defaultConfig() : null;
    }

    /** The configuration in force; null: none yet. */
    AccessConfig current() {
        return config;
    }

    private AccessConfig defaultConfig() {
        var m = profile.mipl();
        String host = m.defaultBsMode() == 1 ? m.bootstrapAddress() : m.serverAddress();
        return new AccessConfig(m.defaultMode(), m.defaultRecvDataFormat(), m.defaultBsMode(), host, m.defaultPort(),
                m.defaultAutoUpdate());
    }

    /** {@code AT+MIPLCONFIG?}: the configuration, or the defaults with an empty address before one is set. */
    Outcome query() {
        AccessConfig c = config != null ? config : defaultConfig();
        String hostText = config == null ? "" : c.host();
        return Reply.ok(new ConfigInfo(c.mode(), c.recvDataFormat(), c.bsMode(), hostText, c.port(), c.autoUpdate())
                .withIpQuoted(profile.mipl().configQueryQuotesIp()).format());
    }

    /** {@code AT+MIPLCONFIG=...}: a parsed set command. */
    Outcome set(MiplConfig c) {
        if (!c.violations().isEmpty()) {
            return mistake.apply(Mistake.CONFIG_PARAMETER); // mode, recv_data_format, bsMode, port, auto_update ranges
        }
        AccessConfig base = config != null ? config : defaultConfig();
        // 3.1.1: an omitted optional parameter keeps its previous (or default) value
        int bs = c.bsMode().orElse(base.bsMode());
        String hostName = base.host();
        if (c.ip().isPresent()) {
            String ip = c.ip().get().strip();
            if (ip.isEmpty()) {
                ip = bs == 1 ? profile.mipl().bootstrapAddress() : profile.mipl().serverAddress();
            } else if (!IPV4.matcher(ip).matches() && !(bs == 0 && IPV6.matcher(ip).matches())) {
                return mistake.apply(Mistake.CONFIG_PARAMETER); // bootstrap over IPv6 is refused, as in the XY1100 layer
            }
            hostName = ip;
        }
        config = new AccessConfig(c.mode(), c.recvDataFormat(), bs, hostName, c.port().orElse(base.port()),
                c.autoUpdate().orElse(base.autoUpdate()));
        return Reply.ok();
    }
}
