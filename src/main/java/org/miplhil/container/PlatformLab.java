package org.miplhil.container;

import java.net.InetSocketAddress;
import java.net.URI;
import org.miplhil.network.NetworkConditions;
import org.miplhil.network.RelayStats;

/**
 * The platform ({@code ./mipl-hil platform}: LwM2M server, bootstrap server and the OneNET-shaped HTTP API) in its
 * own container, behind the impairment relay in another, both on a network of their own. The module reaches only
 * the relay and the harness only the API, each through ports published on 127.0.0.1. Started by
 * {@link Containers#startPlatformLab}.
 */
public interface PlatformLab extends AutoCloseable {

    /** The platform's HTTP API as the harness reaches it: {@code http://127.0.0.1:<published port>}. */
    URI apiBase();

    /** Where the module registers: the relay's published UDP port in front of the LwM2M server. */
    InetSocketAddress coap();

    /** Where the module bootstraps: the relay's published UDP port in front of the bootstrap server. */
    InetSocketAddress bootstrap();

    /** The network between module and platform from now on (datagrams already in flight keep theirs). */
    void apply(NetworkConditions conditions) throws ContainerException;

    /** What the relay did since the last {@link #apply}. */
    RelayStats stats() throws ContainerException;

    /** The platform container's output so far (for a failing run's report). */
    String platformLogs();

    /** Stops and removes both containers and their network. */
    @Override
    void close();
}
