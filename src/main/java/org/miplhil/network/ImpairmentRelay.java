package org.miplhil.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A userspace UDP relay that puts a network between a module and its platform. Each {@link Route} has a listening
 * socket; each module-side source address gets its own upstream socket to the target (as a NAT does), so answers
 * return to the client they belong to. Uplink (module → platform) and downlink (platform → module) each have their
 * own {@link Impairment}: delay ± jitter, loss, duplication, reordering and a rate (serialisation delay), decided
 * from a seeded generator per direction ({@link Dice}) so that a seed reproduces a run's decisions.
 *
 * <p>One thread receives (a selector over every socket), one sends ({@link Scheduler}); the queue between them is
 * bounded and a datagram that finds it full is dropped and counted. {@link #apply} swaps the conditions at once:
 * datagrams already on their way keep the conditions they were decided under, the counters start again, and the
 * generators start again from the seed. It works on datagrams only: no radio, no RRC states, no paging.
 */
public final class ImpairmentRelay implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ImpairmentRelay.class);
    /** A module address silent this long loses its upstream socket, as a NAT binding expires. */
    static final long SESSION_IDLE_NANOS = TimeUnit.MINUTES.toNanos(10);
    static final int MAX_SESSIONS = 1024;
    static final int DEFAULT_QUEUE = 4096;

    private final List<Listener> listeners = new ArrayList<>();
    private final List<Tap> taps = new CopyOnWriteArrayList<>();
    private final Map<SessionKey, Session> sessions = new HashMap<>();
    private final Selector selector;
    private final Scheduler scheduler;
    private final Dice upDice;
    private final Dice downDice;
    private final Object decide = new Object();
    private volatile NetworkConditions conditions;
    private volatile RelayCounters counters = new RelayCounters();
    private final Thread receiver;
    private volatile boolean closed;
    private long datagrams;

    private record SessionKey(int route, SocketAddress client) {
    }

    private record Listener(int index, Route route, DatagramChannel channel) {
    }

    private static final class Session {
        final Listener listener;
        final SocketAddress client;
        final DatagramChannel upstream;
        final InetSocketAddress target;
        long lastActive;

        Session(Listener listener, SocketAddress client, DatagramChannel upstream, InetSocketAddress target) {
            this.listener = listener;
            this.client = client;
            this.upstream = upstream;
            this.target = target;
        }
    }

    private ImpairmentRelay(List<Route> routes, long seed, NetworkConditions start, int queueCapacity)
            throws IOException {
        this.conditions = start;
        this.upDice = new Dice(seed);
        // the downlink's own sequence, so traffic in one direction never shifts the other's decisions
        this.downDice = new Dice(seed ^ 0x5DEECE66DL);
        this.selector = Selector.open();
        try {
            for (Route r : routes) {
                InetSocketAddress bind = resolved(r.listen());
                DatagramChannel ch = DatagramChannel.open(bind.getAddress() instanceof java.net.Inet6Address
                        ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
                ch.bind(bind);
                ch.configureBlocking(false);
                Listener l = new Listener(listeners.size(), r, ch);
                listeners.add(l);
                ch.register(selector, SelectionKey.OP_READ, l);
            }
        } catch (IOException | RuntimeException e) {
            closeChannels();
            selector.close();
            throw e;
        }
        this.scheduler = new Scheduler(queueCapacity);
        this.receiver = new Thread(this::receive, "network-relay-receiver");
        receiver.setDaemon(true);
        receiver.start();
    }

    /**
     * Binds every route's listening socket and starts relaying under {@code start}.
     *
     * @throws UncheckedIOException when a socket cannot be bound (address in use, unknown address)
     */
    public static ImpairmentRelay start(List<Route> routes, long seed, NetworkConditions start) {
        return start(routes, seed, start, DEFAULT_QUEUE);
    }

    /** As above, with at most {@code queueCapacity} datagrams waiting to leave. */
    public static ImpairmentRelay start(List<Route> routes, long seed, NetworkConditions start, int queueCapacity) {
        if (routes.isEmpty()) {
            throw new IllegalArgumentException("a relay needs at least one route");
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queue capacity must be at least 1: " + queueCapacity);
        }
        try {
            ImpairmentRelay relay = new ImpairmentRelay(List.copyOf(routes), seed, Objects.requireNonNull(start),
                    queueCapacity);
            LOG.info("relaying {} under {}", routes, start.describe());
            return relay;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for " + routes + ": " + e.getMessage(), e);
        }
    }

    /** The listening addresses as bound (a port 0 replaced by the one chosen), in route order. */
    public List<InetSocketAddress> listenAddresses() {
        List<InetSocketAddress> out = new ArrayList<>();
        for (Listener l : listeners) {
            try {
                out.add((InetSocketAddress) l.channel().getLocalAddress());
            } catch (IOException e) {
                out.add(l.route().listen());
            }
        }
        return out;
    }

    public List<Route> routes() {
        return listeners.stream().map(Listener::route).toList();
    }

    public NetworkConditions conditions() {
        return conditions;
    }

    /** New conditions from now on; counters start at zero; datagrams on their way keep their own. */
    public void apply(NetworkConditions next) {
        Objects.requireNonNull(next);
        synchronized (decide) {
            conditions = next;
            counters = new RelayCounters();
            upDice.reset();
            downDice.reset();
        }
        LOG.info("conditions now {}", next.describe());
    }

    /** What happened since the conditions were last applied (or since the start). */
    public RelayStats stats() {
        return counters.snapshot();
    }

    /**
     * Sees every datagram as it reaches the relay, before the conditions decide its fate (so a datagram the network
     * loses is seen too): what {@code profile learn} times the module's retransmissions with. Called on the
     * receiving thread: it must return at once.
     */
    @FunctionalInterface
    public interface Tap {
        void datagram(boolean uplink, long nanoTime, byte[] bytes);
    }

    /** Adds {@code tap}; closing the handle removes it. */
    public AutoCloseable tap(Tap tap) {
        taps.add(Objects.requireNonNull(tap));
        return () -> taps.remove(tap);
    }

    private void receive() {
        ByteBuffer buffer = ByteBuffer.allocate(65536);
        long lastSweep = System.nanoTime();
        while (!closed) {
            try {
                selector.select(1000);
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    if (!key.isValid() || !key.isReadable()) {
                        continue;
                    }
                    DatagramChannel ch = (DatagramChannel) key.channel();
                    // drain the socket: several datagrams may be waiting behind one readiness
                    for (int i = 0; i < 64; i++) {
                        buffer.clear();
                        SocketAddress from = ch.receive(buffer);
                        if (from == null) {
                            break;
                        }
                        buffer.flip();
                        byte[] bytes = new byte[buffer.remaining()];
                        buffer.get(bytes);
                        if (key.attachment() instanceof Listener l) {
                            fromModule(l, from, bytes);
                        } else {
                            fromPlatform((Session) key.attachment(), from, bytes);
                        }
                    }
                }
                long now = System.nanoTime();
                if (now - lastSweep > TimeUnit.SECONDS.toNanos(10)) {
                    expireSessions(now);
                    lastSweep = now;
                }
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("relay receive failed: {}", e.toString());
                }
            } catch (java.nio.channels.ClosedSelectorException e) {
                return;
            }
        }
    }

    private void fromModule(Listener l, SocketAddress client, byte[] bytes) {
        Session s = sessions.get(new SessionKey(l.index(), client));
        if (s == null) {
            s = openSession(l, client, bytes.length);
            if (s == null) {
                return;
            }
        }
        s.lastActive = System.nanoTime();
        relay(true, s.upstream, s.target, bytes, client + " -> " + Route.show(s.target));
    }

    private void fromPlatform(Session s, SocketAddress from, byte[] bytes) {
        s.lastActive = System.nanoTime();
        relay(false, s.listener.channel(), s.client, bytes, from + " -> " + s.client);
    }

    private Session openSession(Listener l, SocketAddress client, int size) {
        String label = "uplink " + client + " -> " + Route.show(l.route().target());
        InetSocketAddress target = resolved(l.route().target());
        if (target.isUnresolved() || sessions.size() >= MAX_SESSIONS) {
            RelayCounters c = counters;
            c.uplink.received.incrementAndGet();
            c.uplink.dropped.incrementAndGet();
            LOG.warn("{} {} bytes: dropped ({})", label, size, target.isUnresolved()
                    ? "the target's name does not resolve" : "already " + MAX_SESSIONS + " clients");
            return null;
        }
        try {
            DatagramChannel up = DatagramChannel.open(target.getAddress() instanceof java.net.Inet6Address
                    ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
            up.bind(null);
            up.configureBlocking(false);
            Session s = new Session(l, client, up, target);
            up.register(selector, SelectionKey.OP_READ, s);
            sessions.put(new SessionKey(l.index(), client), s);
            LOG.debug("new client {} on {}: upstream from {}", client, l.route(), up.getLocalAddress());
            return s;
        } catch (IOException e) {
            LOG.warn("{}: cannot open an upstream socket: {}", label, e.toString());
            return null;
        }
    }

    private void relay(boolean up, DatagramChannel out, SocketAddress to, byte[] bytes, String path) {
        long now = System.nanoTime();
        for (Tap t : taps) {
            try {
                t.datagram(up, now, bytes.clone());
            } catch (RuntimeException e) {
                LOG.warn("relay tap failed: {}", e.toString());
            }
        }
        synchronized (decide) {
            RelayCounters c = counters;
            RelayCounters.Side side = c.side(up);
            Impairment i = up ? conditions.uplink() : conditions.downlink();
            side.received.incrementAndGet();
            long n = ++datagrams;
            String label = (up ? "uplink #" : "downlink #") + n + " " + path + " " + bytes.length + " bytes";
            Dice.Decision d = (up ? upDice : downDice).decide(i, bytes.length, now, !scheduler.holding(up));
            if (d.lost()) {
                side.dropped.incrementAndGet();
                LOG.debug("{}: lost", label);
                return;
            }
            if (d.copies() > 1) {
                side.duplicated.incrementAndGet();
            }
            LOG.debug("{}: leaves in {} ms{}{}", label, (d.departures()[0] - now) / 1_000_000,
                    d.copies() > 1 ? ", twice" : "", d.hold() ? ", held back behind the next one" : "");
            for (int copy = 0; copy < d.copies(); copy++) {
                boolean hold = d.hold() && copy == 0;
                if (!scheduler.offer(d.departures()[copy], up, out, to, bytes, c, copy > 0, hold, label)) {
                    side.dropped.incrementAndGet();
                    LOG.debug("{}: queue full ({} waiting), dropped", label, scheduler.queued());
                }
            }
        }
    }

    private void expireSessions(long now) {
        Iterator<Session> it = sessions.values().iterator();
        while (it.hasNext()) {
            Session s = it.next();
            if (now - s.lastActive > SESSION_IDLE_NANOS) {
                it.remove();
                closeQuietly(s.upstream);
                LOG.debug("client {} idle: upstream socket closed", s.client);
            }
        }
    }

    private static InetSocketAddress resolved(InetSocketAddress a) {
        return a.isUnresolved() ? new InetSocketAddress(a.getHostString(), a.getPort()) : a;
    }

    private void closeChannels() {
        for (Listener l : listeners) {
            closeQuietly(l.channel());
        }
        for (Session s : sessions.values()) {
            closeQuietly(s.upstream);
        }
    }

    private static void closeQuietly(DatagramChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // closing
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            selector.close();
        } catch (IOException e) {
            // closing
        }
        try {
            receiver.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler.close();
        closeChannels();
    }
}
