package org.miplhil.sim.lwm2m;

import java.time.Duration;
import java.util.Objects;

import org.miplhil.sim.profile.FirmwareProfile;

/**
 * What the virtual module's LwM2M side does where the note is silent; every value has a default and, in the
 * firmware profile, a source ({@code lwm2m:} section of {@code fixtures/firmware/*.yaml}).
 *
 * @param coap                 CoAP transmission parameters and thread counts of the module's client
 * @param purgeAfter           how long a platform request waits for the MCU's answer; then it is forgotten without a
 *                             CoAP answer (the SDK's CIS_CONFIG_CALLBACK_TIMEOUT, 20 s; the profile's
 *                             {@code mipl.purge-after}, which the AT layer shares)
 * @param deregistrationTimeout how long AT+MIPLCLOSE waits for the server's answer to the deregistration; event 15
 *                             follows either way
 * @param lifetimeFactor       3.3.7: the module's own lifetime is {@code <lifetime>} times this
 * @param shortServerId        the short server id of the access server when there is no bootstrap
 * @param manufacturer         Device object /3/0/0
 * @param model                Device object /3/0/1
 * @param serialNumber         Device object /3/0/2
 * @param firmwareVersion      Device object /3/0/3
 * @param batteryLevel         Device object /3/0/9 (6.1.2)
 * @param signalStrength       Connectivity Monitoring /4/0/2 in dBm (6.1.1)
 * @param cellId               Connectivity Monitoring /4/0/8 (6.1.1)
 */
public record Lwm2mSettings(CoapTiming coap, Duration purgeAfter, Duration deregistrationTimeout, double lifetimeFactor, int shortServerId,
                            String manufacturer, String model, String serialNumber, String firmwareVersion,
                            int batteryLevel, int signalStrength, long cellId) {

    public Lwm2mSettings {
        Objects.requireNonNull(coap, "coap");
        positive(purgeAfter, "purgeAfter");
        positive(deregistrationTimeout, "deregistrationTimeout");
        if (!(lifetimeFactor > 0 && lifetimeFactor <= 1)) {
            throw new IllegalArgumentException("lifetimeFactor must be in (0, 1]: " + lifetimeFactor);
        }
        if (shortServerId < 1 || shortServerId > 65534) {
            throw new IllegalArgumentException("shortServerId out of 1..65534: " + shortServerId);
        }
    }

    private static void positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The settings of a firmware profile's {@code lwm2m} section, with its identity for the Device object. */
    public static Lwm2mSettings from(FirmwareProfile profile) {
        FirmwareProfile.Lwm2m l = profile.lwm2m();
        FirmwareProfile.Identity id = profile.identity();
        return builder()
                .coap(new CoapTiming(l.ackTimeout(), l.ackRandomFactor(), l.ackRandomised(), l.maxRetransmit(),
                        l.protocolStageThreads()))
                .purgeAfter(profile.mipl().purgeAfter())
                .deregistrationTimeout(l.deregistrationTimeout())
                .lifetimeFactor(l.lifetimeFactor())
                .shortServerId(l.shortServerId())
                .device(id.manufacturer(), id.model(), id.imei(), id.revision())
                .radio(profile.fota().batteryLevel(), profile.fota().signalStrength(), profile.fota().cellId())
                .build();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.coap = coap;
        b.purgeAfter = purgeAfter;
        b.deregistrationTimeout = deregistrationTimeout;
        b.lifetimeFactor = lifetimeFactor;
        b.shortServerId = shortServerId;
        b.manufacturer = manufacturer;
        b.model = model;
        b.serialNumber = serialNumber;
        b.firmwareVersion = firmwareVersion;
        b.batteryLevel = batteryLevel;
        b.signalStrength = signalStrength;
        b.cellId = cellId;
        return b;
    }

    /** Defaults: those of {@code fixtures/firmware/bc260y-cn.yaml}. */
    public static final class Builder {
        private CoapTiming coap = CoapTiming.oneNetSdk();
        private Duration purgeAfter = Duration.ofSeconds(20);
        private Duration deregistrationTimeout = Duration.ofSeconds(3);
        private double lifetimeFactor = 0.9;
        private int shortServerId = 1;
        private String manufacturer = "Quectel_Ltd";
        private String model = "Quectel_BC260Y-CN";
        private String serialNumber = "";
        private String firmwareVersion = "";
        private int batteryLevel = 100;
        private int signalStrength = -85;
        private long cellId = 23456;

        private Builder() {
        }

        public Builder coap(CoapTiming coap) {
            this.coap = coap;
            return this;
        }

        /** How long a request waits for the MCU before it is forgotten without an answer (the SDK: 20 s). */
        public Builder purgeAfter(Duration d) {
            this.purgeAfter = d;
            return this;
        }

        public Builder deregistrationTimeout(Duration d) {
            this.deregistrationTimeout = d;
            return this;
        }

        public Builder lifetimeFactor(double f) {
            this.lifetimeFactor = f;
            return this;
        }

        public Builder shortServerId(int id) {
            this.shortServerId = id;
            return this;
        }

        public Builder device(String manufacturer, String model, String serialNumber, String firmwareVersion) {
            this.manufacturer = manufacturer;
            this.model = model;
            this.serialNumber = serialNumber;
            this.firmwareVersion = firmwareVersion;
            return this;
        }

        /** Battery level /3/0/9 (percent), radio signal strength /4/0/2 (dBm), cell id /4/0/8. */
        public Builder radio(int batteryLevel, int signalStrength, long cellId) {
            this.batteryLevel = batteryLevel;
            this.signalStrength = signalStrength;
            this.cellId = cellId;
            return this;
        }

        public Lwm2mSettings build() {
            return new Lwm2mSettings(coap, purgeAfter, deregistrationTimeout,
                    lifetimeFactor, shortServerId, manufacturer, model, serialNumber, firmwareVersion,
                    batteryLevel, signalStrength, cellId);
        }
    }
}
