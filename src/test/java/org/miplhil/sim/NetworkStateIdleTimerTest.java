package org.miplhil.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.miplhil.sim.profile.FirmwareProfile;

/**
 * The idle time's timers on a real scheduler, with the shipped profile ({@code network.rrc-release-after} 20 s): one
 * timer per module however often it is active, and the release still {@code rrc-release-after} after the last
 * activity.
 */
class NetworkStateIdleTimerTest {

    private static final int ACTIVITIES = 60;
    private static final Duration EVERY = Duration.ofMillis(50);

    /** The module's thread: everything of the network state runs on it, as in the virtual module. */
    private final ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1);
    private final CompletableFuture<Long> idleAt = new CompletableFuture<>();

    @AfterEach
    void stop() {
        thread.shutdownNow();
    }

    @Test
    void oneIdleTimerHoweverOftenTheModuleIsActiveAndTheReleaseComesAfterTheLastActivity() throws Exception {
        FirmwareProfile profile = SimTerminal.profile();
        Duration release = profile.network().rrcReleaseAfter();
        NetworkState network = thread.submit(() -> new NetworkState(profile, host())).get(5, TimeUnit.SECONDS);
        AtomicInteger done = new AtomicInteger();
        AtomicLong lastActivity = new AtomicLong();
        AtomicInteger mostQueued = new AtomicInteger();
        AtomicInteger mostInQueue = new AtomicInteger();
        CompletableFuture<Void> activitiesOver = new CompletableFuture<>();
        ScheduledFuture<?>[] periodic = new ScheduledFuture<?>[1];
        periodic[0] = thread.scheduleAtFixedRate(() -> {
            if (done.get() == ACTIVITIES) {
                return;
            }
            network.activity();
            lastActivity.set(System.nanoTime());
            mostQueued.accumulateAndGet(network.idleTimersQueued(), Math::max);
            // the scheduler's queue while this periodic task runs (it is off the queue then): the one idle timer,
            // never one per activity
            mostInQueue.accumulateAndGet(thread.getQueue().size(), Math::max);
            if (done.incrementAndGet() == ACTIVITIES) {
                activitiesOver.complete(null);
            }
        }, 0, EVERY.toNanos(), TimeUnit.NANOSECONDS);
        activitiesOver.get(30, TimeUnit.SECONDS);
        periodic[0].cancel(false);
        thread.purge();

        assertThat(mostQueued.get()).as("idle timers queued at most, after %d activities", ACTIVITIES).isEqualTo(1);
        assertThat(mostInQueue.get()).as("tasks in the module thread's queue at most").isLessThanOrEqualTo(2);
        long idle = idleAt.get(release.toSeconds() + 30, TimeUnit.SECONDS);
        long after = idle - lastActivity.get();
        assertThat(Duration.ofNanos(after)).as("the release after the last activity")
                .isGreaterThanOrEqualTo(release).isLessThan(release.plusSeconds(10));
        assertThat(idleAt.isDone()).isTrue();
        assertThat(thread.submit(network::idleTimersQueued).get(5, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void aPowerUpVoidsTheIdleTimerAndTheNextActivityArmsANewOne() throws Exception {
        FirmwareProfile profile = SimTerminal.profile();
        NetworkState network = thread.submit(() -> new NetworkState(profile, host())).get(5, TimeUnit.SECONDS);
        assertThat(thread.submit(() -> {
            network.activity();
            network.powerUp(1);
            int afterPowerUp = network.idleTimersQueued();
            network.activity();
            return afterPowerUp * 10 + network.idleTimersQueued();
        }).get(5, TimeUnit.SECONDS)).as("queued after the power-up, then after an activity").isEqualTo(1);
    }

    private NetworkState.Host host() {
        return new NetworkState.Host() {
            @Override
            public void urc(String line) {}

            @Override
            public void schedule(Duration delay, Runnable task) {
                thread.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
            }

            @Override
            public void dataConnectionUp() {}

            @Override
            public void dataConnectionLost() {}

            @Override
            public void idle() {
                idleAt.complete(System.nanoTime());
            }
        };
    }
}
