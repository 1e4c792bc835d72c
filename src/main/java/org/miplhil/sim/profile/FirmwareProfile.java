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
        Fota fota,
        Parsing parsing,
        Sleep sleep,
        General general,
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
                testResponses, lwm2m, fota, parsing, sleep, general, entries);
    }

    public record Identity(String manufacturer, String model, String revision, String imei, String imsi,
                           String iccid, String miplVersion) {}

    /** Power-up defaults of the AT layer. */
    public record AtSettings(boolean echo, int cmee, int qsclk, int cfun, int maxLineLength) {}

    /**
     * The radio, attach and registration state behind the 3GPP commands (docs/virtual-module.md "Network state").
     *
     * @param ceregAttached   {@code <stat>} of AT+CEREG once attached (1)
     * @param ceregDetached   {@code <stat>} before the attach (2, searching)
     * @param ceregMode       {@code <n>} of AT+CEREG at power-up
     * @param tac             tracking area code, hex, shown with {@code <n>} 2
     * @param cellId          E-UTRAN cell id, hex
     * @param act             access technology (9: NB-S1)
     * @param pdnCid          cid of the PDN connection (AT+CGPADDR, AT+CGACT, AT+CGDCONT)
     * @param ipAddress       the module's address (+IP:, AT+CGPADDR)
     * @param apn             APN shown by AT+CGDCONT?
     * @param attachTime      AT+CFUN=1 / AT+CGATT=1 to the data connection
     * @param rrcReleaseAfter the module's idle time: the RRC connection is released this long after the last data
     *                        (+CSCON: 0) or command; light sleep may begin then, PSM (deep sleep) T3324 later
     * @param csq             AT+CSQ answer after {@code +CSQ: }
     * @param cesq            AT+CESQ answer after {@code +CESQ: }
     * @param band            AT+QBAND? answer after {@code +QBAND: }
     * @param clockZone       AT+CCLK? time zone in quarter hours, e.g. {@code +32}
     * @param qeng            AT+QENG=0 serving-cell line after {@code +QENG: }
     * @param psm             AT+CPSMS? at power-up, after {@code +CPSMS: }; its T3324 is the active time before PSM
     * @param edrxValue       requested eDRX value AT+CEDRXS? shows when eDRX is on without a value given
     */
    public record Network(int ceregAttached, int ceregDetached, int ceregMode, String tac, String cellId, int act,
                          int pdnCid, String ipAddress, String apn, Duration attachTime, Duration rrcReleaseAfter,
                          String csq, String cesq, String band, String clockZone, String qeng, String psm,
                          String edrxValue) {}

    /**
     * What the AT layer answers beyond the MIPL commands (docs/virtual-module.md "Commands").
     *
     * @param cmeParameterError     {@code +CME ERROR: <n>} of a general command with a bad parameter (AT+CMEE=1)
     * @param cmeParameterErrorText the same with AT+CMEE=2
     * @param cisErrorTexts         AT+CMEE=2 names of the MIPL codes ({@code 652=CIS_PARAM_ERROR,...})
     * @param cmeeSaved             AT+CMEE=n survives a power cut (factory NV)
     * @param cpin                  AT+CPIN? state
     * @param cgmi                  AT+CGMI answer
     */
    public record General(int cmeParameterError, String cmeParameterErrorText, Map<Integer, String> cisErrorTexts,
                          boolean cmeeSaved, String cpin, String cgmi) {
        public General {
            cisErrorTexts = Map.copyOf(cisErrorTexts);
        }

        /** AT+CMEE=2 text of a MIPL code: its name, or what the C library prints for a null string. */
        public String cisErrorText(int code) {
            return cisErrorTexts.getOrDefault(code, "(null)");
        }
    }

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
     * @param ackRandomFactor       CoAP ACK_RANDOM_FACTOR: the SDK uses it only in MAX_TRANSMIT_WAIT (93 s)
     * @param ackRandomised         whether the retransmission timeouts are randomised (the SDK's are not: 62 s span)
     * @param maxRetransmit         CoAP MAX_RETRANSMIT
     * @param protocolStageThreads  threads of the client's CoAP protocol stage
     * @param deregistrationTimeout how long AT+MIPLCLOSE waits for the server before event 15
     * @param lifetimeFactor        3.3.7: the module's own lifetime is {@code <lifetime>} times this
     * @param shortServerId         short server id of the access server when there is no bootstrap
     */
    public record Lwm2m(Duration ackTimeout, double ackRandomFactor, boolean ackRandomised, int maxRetransmit,
                        int protocolStageThreads, Duration deregistrationTimeout, double lifetimeFactor, int shortServerId) {}

    /** What to do with a command the MCU sends while the module downloads or updates (6.1.1, 6.1.2 forbid it). */
    public enum BusyCommands {
        /** Handled as at any other time. */
        ANSWER,
        /** Answered with {@link Fota#busyReply()} and not executed. */
        ERROR,
        /** Not read at all: no echo, no reply. */
        IGNORE,
        /** Handled, but the download fails ({@code +MIPLEVENT: 0,41}, update result 4); downloading only. */
        FAIL_DOWNLOAD
    }

    /**
     * The DFOTA behaviour of the module (chapter 6) where the note is silent, and its timing (short by default so
     * a whole update on the virtual module takes seconds). See {@code docs/fota.md}.
     *
     * @param blockSize               CoAP Block2 size of the package download (16..1024)
     * @param blockPause              pause before asking for the next block (pacing of the download)
     * @param blockTimeout            a block not received within this fails the download (update result 4)
     * @param checkTime               checking the downloaded package, before event 42 or 41
     * @param updateTime              writing the update, from {@code +QIND: "FOTA","START"} to 100%
     * @param progressStep            percent between two {@code +QIND: "FOTA","UPDATING"} lines
     * @param updatingLine            the progress line, {@code ${percent}} replaced (7.10.6 prints {@code 0%,1,1})
     * @param rebootTime              from the last progress line to the power-up lines of the new firmware
     * @param eraseFails              after the update, +MIPLEVENT: 0,49 instead of 48 (6.3)
     * @param updateFails             the update fails: {@code +QIND: "FOTA","END",255}, the revision stays
     * @param whileDownloading        what a MIPL command during the download gets
     * @param whileUpdating           what any command during the update gets
     * @param busyReply               the final result line of {@link BusyCommands#ERROR}
     * @param wrongBaseResult         /5/0/5 for a package made for another revision
     * @param notFoundResult          /5/0/5 when the package server answers an error code
     * @param unreachableResult       /5/0/5 when the package server does not answer
     * @param executeNotDownloaded    CoAP code of executing /5/0/2 when nothing was downloaded
     * @param writeWhileBusy          CoAP code of writing /5/0/1 while a download or an update runs
     * @param batteryLevel            /3/0/9, read by the platform before it executes the update (6.1.2)
     * @param signalStrength          /4/0/2 in dBm (6.1.1)
     * @param cellId                  /4/0/8 (6.1.1)
     */
    public record Fota(int blockSize, Duration blockPause, Duration blockTimeout, Duration checkTime,
                       Duration updateTime, int progressStep, String updatingLine, Duration rebootTime,
                       boolean eraseFails, boolean updateFails, BusyCommands whileDownloading,
                       BusyCommands whileUpdating, String busyReply, int wrongBaseResult, int notFoundResult,
                       int unreachableResult, String executeNotDownloaded, String writeWhileBusy, int batteryLevel,
                       int signalStrength, long cellId) {

        /** The values of the shipped profile, for a profile file without a {@code fota} section. */
        public static final Fota DEFAULTS = new Fota(512, Duration.ofMillis(5), Duration.ofSeconds(10),
                Duration.ofMillis(100), Duration.ofMillis(1500), 3, "+QIND: \"FOTA\",\"UPDATING\",${percent}%,1,1",
                Duration.ofMillis(300), false, false, BusyCommands.ERROR, BusyCommands.IGNORE, "+CIS ERROR: 653",
                8, 7, 4, "4.05", "4.00", 100, -85, 23456);

        public Fota withUpdateFails(boolean fails) {
            return new Fota(blockSize, blockPause, blockTimeout, checkTime, updateTime, progressStep, updatingLine,
                    rebootTime, eraseFails, fails, whileDownloading, whileUpdating, busyReply, wrongBaseResult,
                    notFoundResult, unreachableResult, executeNotDownloaded, writeWhileBusy, batteryLevel,
                    signalStrength, cellId);
        }
    }

    /** This profile with other power-up AT settings (echo, CMEE, ...). */
    public FirmwareProfile withAt(AtSettings a) {
        return new FirmwareProfile(origin, identity, a, network, powerUp, mipl, limits, errors, responseDelays,
                testResponses, lwm2m, fota, parsing, sleep, general, entries);
    }

    /** This profile with another identity (a virtual module of a fleet: its own IMEI and IMSI). */
    public FirmwareProfile withIdentity(Identity i) {
        return new FirmwareProfile(origin, i, at, network, powerUp, mipl, limits, errors, responseDelays,
                testResponses, lwm2m, fota, parsing, sleep, general, entries);
    }

    /** This profile with another {@code mipl} section. */
    public FirmwareProfile withMipl(Mipl m) {
        return new FirmwareProfile(origin, identity, at, network, powerUp, m, limits, errors, responseDelays,
                testResponses, lwm2m, fota, parsing, sleep, general, entries);
    }

    /** This profile with another {@code fota} section. */
    public FirmwareProfile withFota(Fota f) {
        return new FirmwareProfile(origin, identity, at, network, powerUp, mipl, limits, errors, responseDelays,
                testResponses, lwm2m, f, parsing, sleep, general, entries);
    }

    // ---- parsing: how the module's AT layer reads MIPL parameters (docs/virtual-module.md "Parsing")

    /** How the discover list of AT+MIPLDISCOVERRSP is split into resource ids. */
    public enum DiscoverListSplit {
        /** 3.3.9 as written: ids of 0..65535 separated by single semicolons; anything else is any.parameter. */
        STRICT,
        /** The XY1100 AT layer's strtok: empty ids (a trailing or doubled {@code ;}) are skipped, each id read by strtol. */
        SKIP_EMPTY
    }

    /** How AT+MIPLNOTIFY finds the observation it reports on. */
    public enum NotifyMatch {
        /** By {@code <msgId>} alone (the BC260Y build of the XY1100 AT layer, observe_findByMsgid). */
        MSGID,
        /** By path: objId/insId/resId, then objId/insId; the observation's msgId replaces the one written (VER_QUECTEL builds). */
        PATH
    }

    /** What AT+MIPLCLOSE answers with an instance created but nothing registered. */
    public enum CloseWhenIdle {
        /** {@code OK} (the BC260Y build). */
        OK,
        /** The {@code any.parameter} code (the XY1100 AT layer's other builds). */
        REFUSE
    }

    /**
     * How the module reads MIPL command parameters where the note and its AT layer differ.
     *
     * @param quotesOptional    any parameter may be written with or without double quotes
     * @param hexIntegers       an integer parameter may be written {@code 0x...}
     * @param discoverListSplit how the discover list is split
     * @param notifyMatch       how AT+MIPLNOTIFY finds its observation
     * @param closeWhenIdle     AT+MIPLCLOSE with nothing registered
     */
    public record Parsing(boolean quotesOptional, boolean hexIntegers, DiscoverListSplit discoverListSplit,
                          NotifyMatch notifyMatch, CloseWhenIdle closeWhenIdle) {

        /** The XY1100 AT layer's BC260Y build, for a profile file without a {@code parsing} section. */
        public static final Parsing AT_LAYER = new Parsing(true, true, DiscoverListSplit.SKIP_EMPTY, NotifyMatch.MSGID,
                CloseWhenIdle.OK);

        /** Exactly as the note writes the commands. */
        public static final Parsing NOTE = new Parsing(false, false, DiscoverListSplit.STRICT, NotifyMatch.MSGID,
                CloseWhenIdle.OK);
    }

    /** This profile with another {@code parsing} section. */
    public FirmwareProfile withParsing(Parsing p) {
        return new FirmwareProfile(origin, identity, at, network, powerUp, mipl, limits, errors, responseDelays,
                testResponses, lwm2m, fota, p, sleep, general, entries);
    }

    // ---------------------------------------------------------------- sleep (AT+QSCLK, PSM, PSM_EINT)

    /**
     * What is only sleep's (docs/virtual-module.md "Sleep"): the wake-up and its lines. When the module sleeps is the
     * radio's idle timing ({@link Network#rrcReleaseAfter()}, the T3324 of {@link Network#psm()} or what AT+CPSMS set).
     *
     * @param wakeTime      time from a wake-up (PSM_EINT falling edge, the module's timer) to {@code exitDeepLine};
     *                      commands are read from then on
     * @param enterDeepLine URC written when the module enters deep sleep; empty: none
     * @param exitDeepLine  URC written when the module leaves deep sleep; empty: none
     */
    public record Sleep(Duration wakeTime, String enterDeepLine, String exitDeepLine) {

        /** The values of the shipped profile, for a profile file without a {@code sleep} section. */
        public static final Sleep DEFAULTS = new Sleep(Duration.ofMillis(100), "+QNBIOTEVENT: \"ENTER DEEPSLEEP\"",
                "+QNBIOTEVENT: \"EXIT DEEPSLEEP\"");
    }

    /** This profile with another {@code network} section (its idle timing: {@code rrcReleaseAfter}, {@code psm}). */
    public FirmwareProfile withNetwork(Network n) {
        return new FirmwareProfile(origin, identity, at, n, powerUp, mipl, limits, errors, responseDelays,
                testResponses, lwm2m, fota, parsing, sleep, general, entries);
    }

    /** This profile with another {@code sleep} section. */
    public FirmwareProfile withSleep(Sleep s) {
        return new FirmwareProfile(origin, identity, at, network, powerUp, mipl, limits, errors, responseDelays,
                testResponses, lwm2m, fota, parsing, s, general, entries);
    }

    /** One value of the profile with its source, for listing and review ({@code path} like {@code mipl.purge-after}). */
    public record ProfileEntry(String path, String value, Source source, String note, String position) {}
}
