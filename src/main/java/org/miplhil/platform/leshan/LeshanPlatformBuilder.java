package org.miplhil.platform.leshan;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.eclipse.leshan.core.model.ObjectModel;

/** Settings of a {@link LeshanPlatform}; every one has a default. */
public final class LeshanPlatformBuilder {
    /** OneNET's limit on a command's content: "目前限制在2Kb" ({@code FAQ/api_questions.md} 4), taken as 2048 bytes. */
    public static final int DEFAULT_PAYLOAD_LIMIT = 2048;

    InetAddress address = InetAddress.getLoopbackAddress();
    int coapPort = 0;
    int bootstrapPort = 0;
    boolean bootstrap = true;
    boolean oneNetBehaviour = true;
    Set<Integer> oneNetSkippedObjects = OneNetBehaviour.DEFAULT_SKIPPED_OBJECTS;
    boolean oneNetDiscover = true;
    DevicePolicy devicePolicy;
    int payloadLimit = DEFAULT_PAYLOAD_LIMIT;
    Duration requestTimeout = Duration.ofSeconds(25);
    Duration bootstrapLifetime = Duration.ofSeconds(86400);
    int shortServerId = 1;
    CoapSettings coap = CoapSettings.defaults();
    List<ObjectModel> models = ObjectModels.defaults();
    boolean packageServer = false;
    Path packageDirectory = Path.of("fixtures", "firmware", "packages");
    int packagePort = 0;
    String packageHost;
    String advertiseHost;
    int packageBlockSize = 512;
    Duration fotaPollInterval = Duration.ofSeconds(5);

    LeshanPlatformBuilder() {
    }

    /** Start the package server with the platform (default false: it starts with the first campaign). */
    public LeshanPlatformBuilder packageServer(boolean on) {
        this.packageServer = on;
        return this;
    }

    /** Directory the package server serves (default {@code fixtures/firmware/packages}). */
    public LeshanPlatformBuilder packageDirectory(Path dir) {
        this.packageDirectory = Objects.requireNonNull(dir);
        return this;
    }

    /** UDP port of the package server; 0 (default) = chosen by the system. */
    public LeshanPlatformBuilder packagePort(int port) {
        this.packagePort = checkPort(port);
        return this;
    }

    /**
     * The host written into package URIs: the platform's address as the module sees it (rack files carry it);
     * default the bind address.
     */
    public LeshanPlatformBuilder packageHost(String host) {
        this.packageHost = host;
        return this;
    }

    /**
     * The host the bootstrap server writes into the LwM2M server's URI (/0/1/0): the platform's address as the
     * module sees it, when the platform binds 0.0.0.0 in a container; default the LwM2M server's bound address.
     */
    public LeshanPlatformBuilder advertiseHost(String host) {
        this.advertiseHost = host == null || host.isBlank() ? null : host.trim();
        return this;
    }

    /** Largest Block2 block the package server sends, a power of two 16..1024 (default 512). */
    public LeshanPlatformBuilder packageBlockSize(int size) {
        if (size < 16 || size > 1024 || Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("block size must be a power of two in 16..1024: " + size);
        }
        this.packageBlockSize = size;
        return this;
    }

    /** How long a campaign goes without news of /5/0/3 before reading it (default 5 s). */
    public LeshanPlatformBuilder fotaPollInterval(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("poll interval must be positive: " + interval);
        }
        this.fotaPollInterval = interval;
        return this;
    }

    /** Address to bind both servers to; default the loopback address. */
    public LeshanPlatformBuilder address(InetAddress address) {
        this.address = Objects.requireNonNull(address);
        return this;
    }

    /** UDP port of the LwM2M server; 0 (default) = chosen by the system. */
    public LeshanPlatformBuilder coapPort(int port) {
        this.coapPort = checkPort(port);
        return this;
    }

    /** UDP port of the bootstrap server; 0 (default) = chosen by the system. */
    public LeshanPlatformBuilder bootstrapPort(int port) {
        this.bootstrapPort = checkPort(port);
        return this;
    }

    /** Run the bootstrap server (default true). */
    public LeshanPlatformBuilder bootstrap(boolean on) {
        this.bootstrap = on;
        return this;
    }

    /**
     * OneNET's requests after a registration and an update (default true): observe every instance, discover every
     * object, read /3/0, each as the {@link #devicePolicy(DevicePolicy)} allows.
     */
    public LeshanPlatformBuilder oneNetBehaviour(boolean on) {
        this.oneNetBehaviour = on;
        return this;
    }

    /** Objects the OneNET-like behaviour leaves alone; default 0, 1, 3, 4, 5. */
    public LeshanPlatformBuilder oneNetSkippedObjects(Set<Integer> objIds) {
        this.oneNetSkippedObjects = Set.copyOf(objIds);
        return this;
    }

    /**
     * Whether devices nobody configured are discovered after a registration (default true: the note's 7.2.1
     * transcript shows the discovers, and the catalogue relies on them). OneNET's default for a new product is off
     * ({@code FAQ/register_questions.md} 6). Ignored when a {@link #devicePolicy(DevicePolicy)} is given.
     */
    public LeshanPlatformBuilder oneNetDiscover(boolean on) {
        this.oneNetDiscover = on;
        return this;
    }

    /**
     * Per-device observe/discover after a registration; default a {@link DevicePolicies} with observe on and discover
     * as {@link #oneNetDiscover(boolean)}. The platform asks it at each registration and update.
     */
    public LeshanPlatformBuilder devicePolicy(DevicePolicy policy) {
        this.devicePolicy = Objects.requireNonNull(policy);
        return this;
    }

    /**
     * Largest payload (bytes) of a write or an execute the platform sends; a larger one is refused with
     * {@code InvalidRequest} naming the limit. Default {@value #DEFAULT_PAYLOAD_LIMIT} (OneNET's 2 KB); 0 = none.
     */
    public LeshanPlatformBuilder payloadLimit(int bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("payload limit must not be negative: " + bytes);
        }
        this.payloadLimit = bytes;
        return this;
    }

    /** Deadline of each request the platform makes by itself (default 25 s, OneNET's default). */
    public LeshanPlatformBuilder requestTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("request timeout must be positive: " + timeout);
        }
        this.requestTimeout = timeout;
        return this;
    }

    /** Lifetime the bootstrap server writes into the server object /1/0/1 (default 86400 s). */
    public LeshanPlatformBuilder bootstrapLifetime(Duration lifetime) {
        this.bootstrapLifetime = lifetime;
        return this;
    }

    /** Short server id the bootstrap server hands out (default 1). */
    public LeshanPlatformBuilder shortServerId(int id) {
        if (id < 1 || id > 65534) {
            throw new IllegalArgumentException("short server id out of 1..65534: " + id);
        }
        this.shortServerId = id;
        return this;
    }

    public LeshanPlatformBuilder coapSettings(CoapSettings coap) {
        this.coap = Objects.requireNonNull(coap);
        return this;
    }

    /** Object models to decode with (default {@link ObjectModels#defaults()}). */
    public LeshanPlatformBuilder models(Collection<ObjectModel> models) {
        this.models = List.copyOf(models);
        return this;
    }

    private static int checkPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of 0..65535: " + port);
        }
        return port;
    }

    LeshanPlatformBuilder copy() {
        LeshanPlatformBuilder b = new LeshanPlatformBuilder();
        b.address = address;
        b.coapPort = coapPort;
        b.bootstrapPort = bootstrapPort;
        b.bootstrap = bootstrap;
        b.oneNetBehaviour = oneNetBehaviour;
        b.oneNetSkippedObjects = oneNetSkippedObjects;
        b.oneNetDiscover = oneNetDiscover;
        b.devicePolicy = devicePolicy;
        b.payloadLimit = payloadLimit;
        b.requestTimeout = requestTimeout;
        b.bootstrapLifetime = bootstrapLifetime;
        b.shortServerId = shortServerId;
        b.coap = coap;
        b.models = models;
        b.packageServer = packageServer;
        b.packageDirectory = packageDirectory;
        b.packagePort = packagePort;
        b.packageHost = packageHost;
        b.advertiseHost = advertiseHost;
        b.packageBlockSize = packageBlockSize;
        b.fotaPollInterval = fotaPollInterval;
        return b;
    }

    /** A platform with these settings, not started. */
    public LeshanPlatform build() {
        return new LeshanPlatform(this);
    }

    /** {@code build().start()}. */
    public LeshanPlatform start() {
        return build().start();
    }
}
