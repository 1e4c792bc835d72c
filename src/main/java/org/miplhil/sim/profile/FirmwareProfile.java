package org.miplhil.sim.profile;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The virtual module's behaviour as data (fixtures/firmware/*.yaml): identity, defaults, limits, the error code
 * of every {@link Mistake}, timing and response texts. Loaded by {@link ProfileLoader}; every value carries its
 * {@link Source} in {@link #entries()}.
 */
public record FirmwareProfile(
        String origin,
        Identity identity,
        AtSettings at,
        Network network,
        List<PowerUpStep> powerUp,
        Mipl mipl,
        Limits limits,
        Map<Mistake, Integer> errors,
        ResponseDelays responseDelays,
        Map<String, String> testResponses,
        Lwm2m lwm2m,
        List<ProfileEntry> entries) {

    public FirmwareProfile {
        powerUp = List.copyOf(powerUp);
        errors = Map.copyOf(new EnumMap<>(errors));
        testResponses = Map.copyOf(testResponses);
        entries = List.copyOf(entries);
    }

    /** The code (651..655) the profile gives a mistake; the loader guarantees every mistake has one. */
    public int code(Mistake mistake) {
        return errors.get(mistake);
    }

    /** The information line of a command's test form ({@code AT+MIPLOPEN=?}), when the profile has one. */
    public Optional<String> testResponse(String commandName) {
        return Optional.ofNullable(testResponses.get(commandName));
    }

    /** The entry at a path such as {@code errors.create.twice} or {@code identity.revision}. */
    public Optional<ProfileEntry> entry(String path) {
        return entries.stream().filter(e -> e.path().equals(path)).findFirst();
    }

    /**
     * This profile with a preconfigured access server, as {@code ./mipl-hil sim --server HOST:PORT} sets it: the
     * configuration at power-up has bootstrap off and that address, so AT+MIPLCREATE then AT+MIPLOPEN register
     * there; an AT+MIPLCONFIG of the MCU still replaces it.
     */
    public FirmwareProfile withAccessServer(String host, int port) {
        Mipl m = mipl;
        Mipl preset = new Mipl(ConfigAtPowerUp.DEFAULTS, m.defaultMode(), m.defaultRecvDataFormat(), 0,
                m.bootstrapAddress(), host, port, m.defaultAutoUpdate(), m.lifetimeMin(), m.lifetimeMax(),
                m.lifetimeZeroMeans(), m.timeoutMin(), m.timeoutMax(), m.timeoutDefault(), m.maxResponseTime(),
                m.answerWindow(), m.purgeAfter(), m.deleteWaitsForDeregistration(), m.configQueryQuotesIp(),
                m.endpointName());
        return new FirmwareProfile(origin, identity, at, network, powerUp, preset, limits, errors, responseDelays,
                testResponses, lwm2m, entries);
    }

    public record Identity(String manufacturer, String model, String revision, String imei, String imsi,
                           String miplVersion) {}

    /** Power-up defaults of the AT layer. */
    public record AtSettings(boolean echo, int cmee, int qsclk, int cfun, int maxLineLength) {}

    public record Network(String ceregAttached, String ceregDetached, int pdnCid, String ipAddress) {}

    /** One line of the power-up sequence, written {@code after} the previous one; {@code attach}: the data connection is up from here. */
    public record PowerUpStep(String line, Duration after, boolean attach) {}

    public enum ConfigAtPowerUp { DEFAULTS, NONE }

    public record Mipl(
            ConfigAtPowerUp configAtPowerUp,
            int defaultMode,
            int defaultRecvDataFormat,
            int defaultBsMode,
            String bootstrapAddress,
            String serverAddress,
            int defaultPort,
            int defaultAutoUpdate,
            long lifetimeMin,
            long lifetimeMax,
            long lifetimeZeroMeans,
            int timeoutMin,
            int timeoutMax,
            int timeoutDefault,
            Duration maxResponseTime,
            Duration answerWindow,
            Duration purgeAfter,
            boolean deleteWaitsForDeregistration,
            boolean configQueryQuotesIp,
            String endpointName) {}

    public record Limits(int maxObjects, int insCountMax, int discoverLengthMax, int notifyTotalMax,
                         int readTotalMax, int stringLengthMax, int hexLengthMax, int indexMax) {}

    public record ResponseDelays(Duration defaultDelay, Map<String, Duration> perCommand) {
        public ResponseDelays {
            perCommand = Map.copyOf(perCommand);
        }

        /** Delay before the reply to a command, by its name as in the profile ({@code AT+MIPLOPEN}, {@code ATI}). */
        public Duration forCommand(String commandName) {
            return perCommand.getOrDefault(commandName, defaultDelay);
        }
    }

    /**
     * The LwM2M side's behaviour where the note is silent (docs/lwm2m.md).
     *
     * @param ackTimeout            CoAP ACK_TIMEOUT of the module's client
     * @param ackRandomFactor       CoAP ACK_RANDOM_FACTOR
     * @param maxRetransmit         CoAP MAX_RETRANSMIT
     * @param protocolStageThreads  threads of the client's CoAP protocol stage
     * @param acceptAfter           a platform request still unanswered by then gets an empty ACK (separate response)
     * @param unansweredAfter       a platform request the MCU has not answered by then is answered by the module
     * @param unansweredCode        with this CoAP code, e.g. {@code 5.00}
     * @param deregistrationTimeout how long AT+MIPLCLOSE waits for the server before event 15
     * @param lifetimeFactor        3.3.7: the module's own lifetime is {@code <lifetime>} times this
     * @param shortServerId         short server id of the access server when there is no bootstrap
     */
    public record Lwm2m(Duration ackTimeout, double ackRandomFactor, int maxRetransmit, int protocolStageThreads,
                        Duration acceptAfter, Duration unansweredAfter, String unansweredCode,
                        Duration deregistrationTimeout, double lifetimeFactor, int shortServerId) {}

    /** One value of the profile with its source, for listing and review ({@code path} like {@code mipl.purge-after}). */
    public record ProfileEntry(String path, String value, Source source, String note, String position) {}
}
