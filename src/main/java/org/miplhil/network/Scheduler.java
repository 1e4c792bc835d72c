package org.miplhil.network;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay's one sending thread: datagrams wait in a bounded queue ordered by departure time (ties in arrival
 * order) and leave when due. A datagram held back for reordering waits beside the queue and leaves right after
 * the next datagram of its direction, or after {@link #HOLD_LIMIT_NANOS} when none comes. The thread sleeps
 * until the next departure or a new datagram; it never polls.
 */
final class Scheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
    /** A held datagram with nothing to go behind leaves after this long. */
    static final long HOLD_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** One datagram copy on its way. */
    record Pending(long due, long sequence, boolean uplink, DatagramChannel out, SocketAddress to, byte[] bytes,
                   RelayCounters counters, boolean duplicate, String label) {
    }

    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final PriorityQueue<Pending> queue = new PriorityQueue<>((a, b) -> a.due() != b.due()
            ? Long.compare(a.due() - b.due(), 0) : Long.compare(a.sequence(), b.sequence()));
    /** Held back per direction: [0] uplink, [1] downlink. */
    private final Pending[] held = new Pending[2];
    private final Thread thread;
    private volatile boolean closed;
    private long sequence;

    Scheduler(int capacity) {
        this.capacity = capacity;
        this.thread = new Thread(this::run, "network-relay-scheduler");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues a copy; false (and nothing queued) when the queue is full. */
    boolean offer(long due, boolean uplink, DatagramChannel out, SocketAddress to, byte[] bytes,
                  RelayCounters counters, boolean duplicate, boolean hold, String label) {
        lock.lock();
        try {
            if (queue.size() + (held[0] == null ? 0 : 1) + (held[1] == null ? 0 : 1) >= capacity) {
                return false;
            }
            Pending p = new Pending(due, sequence++, uplink, out, to, bytes, counters, duplicate, label);
            if (hold) {
                held[uplink ? 0 : 1] = p;
            } else {
                queue.add(p);
            }
            changed.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** A datagram of this direction is held back now. */
    boolean holding(boolean uplink) {
        lock.lock();
        try {
            return held[uplink ? 0 : 1] != null;
        } finally {
            lock.unlock();
        }
    }

    int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (!closed) {
            Pending next;
            Pending after = null;
            boolean behind = false;
            lock.lock();
            try {
                long now = System.nanoTime();
                next = due(now);
                if (next == null) {
                    long wait = nextWake(now);
                    if (wait == Long.MAX_VALUE) {
                        changed.await();
                    } else {
                        changed.awaitNanos(wait);
                    }
                    continue;
                }
                int side = next.uplink() ? 0 : 1;
                if (held[side] != null && held[side] != next) {
                    // the next datagram of the direction leaves: the held one goes right behind it
                    after = held[side];
                    held[side] = null;
                    behind = true;
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            send(next, false);
            if (after != null) {
                send(after, behind);
            }
        }
    }

    /** The queue's head when due, or a held datagram past its limit; null when nothing is due. */
    private Pending due(long now) {
        for (int side = 0; side < 2; side++) {
            Pending h = held[side];
            if (h != null && now - (h.due() + HOLD_LIMIT_NANOS) >= 0) {
                held[side] = null;
                return h;
            }
        }
        Pending head = queue.peek();
        if (head != null && now - head.due() >= 0) {
            return queue.poll();
        }
        return null;
    }

    private long nextWake(long now) {
        long wait = Long.MAX_VALUE;
        Pending head = queue.peek();
        if (head != null) {
            wait = Math.max(1, head.due() - now);
        }
        for (Pending h : held) {
            if (h != null) {
                wait = Math.min(wait, Math.max(1, h.due() + HOLD_LIMIT_NANOS - now));
            }
        }
        return wait;
    }

    private void send(Pending p, boolean reordered) {
        RelayCounters.Side side = p.counters().side(p.uplink());
        try {
            int sent = p.out().send(ByteBuffer.wrap(p.bytes()), p.to());
            if (sent == 0) {
                // the socket's send buffer is full: the datagram is lost as a full queue loses it
                side.dropped.incrementAndGet();
                LOG.debug("{}: send buffer full, dropped", p.label());
                return;
            }
            side.delivered.incrementAndGet();
            if (reordered) {
                side.reordered.incrementAndGet();
            }
            LOG.debug("{}: sent{}{}", p.label(), p.duplicate() ? " (duplicate)" : "",
                    reordered ? " (behind a later one)" : "");
        } catch (IOException e) {
            side.dropped.incrementAndGet();
            LOG.debug("{}: not sent: {}", p.label(), e.toString());
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
