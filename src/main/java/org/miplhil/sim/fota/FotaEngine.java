package org.miplhil.sim.fota;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;

import org.miplhil.at.EventId;
import org.miplhil.at.FotaEnd;
import org.miplhil.at.FotaStart;
import org.miplhil.sim.profile.FirmwareProfile;

/**
 * The virtual module's DFOTA (chapter 6): download of the delta package after the platform writes /5/0/1, its
 * check, the update after /5/0/2 with its {@code +QIND} lines, the reboot into the new revision, the report at the
 * next registration, and what a power cut does at each stage (6.2). What survives a cut is in {@link NvStore};
 * everything else is lost.
 *
 * <p>Threads: the state is guarded by this object; the module's thread runs the timers, power changes and URCs,
 * CoAP threads call {@link #writePackageUri} and {@link #executeUpdate}, the download runs on its own thread.
 * Nothing here blocks on another thread.
 */
public final class FotaEngine implements FirmwarePort {

    /** What the engine needs from the module around it. */
    public interface Host {
        /** Writes a URC (through the fault plan); called on the module thread. */
        void urc(String line);

        /** Runs a task on the module thread as soon as it is free. */
        void post(Runnable task);

        /** Runs a task on the module thread later, unless the power went off meanwhile. */
        void schedule(Duration delay, Runnable task);

        /** Restarts the module (6.1.3: it starts by itself after the update): power-up lines follow. */
        void reboot();

        /** The values of /3 and /5 changed: observers are notified. */
        void firmwareChanged();

        /** A registration update with the current registration (7.10.6: event 11 after 48). */
        void registrationUpdate();

        /** Something the operator should see in the module's log. */
        void problem(String message);
    }

    /** How the module starts after power-on, given what non-volatile storage says. */
    public sealed interface Boot {
        /** Power-up lines as usual. */
        record Normal() implements Boot {}

        /** Power-up lines, with {@code +QIND: "FOTA","END",<code>} after {@code +CFUN} (7.10.6). */
        record AfterUpdate(int upgradeErr) implements Boot {}

        /** The update was cut by a power loss: it goes on from the stored progress first (6.2). */
        record ContinueUpdate(int progress) implements Boot {}
    }

    private final FirmwareProfile.Fota settings;
    private final String profileRevision;
    private final NvStore nv;
    private final Host host;
    private final List<FotaListener> listeners = new CopyOnWriteArrayList<>();

    // guarded by this
    private NvRecord record;
    private boolean powered;
    private int gen;
    private PackageDownloader downloader;
    private String packageUri = "";
    private OptionalInt endPending = OptionalInt.empty();
    private volatile FotaState snapshot;

    public FotaEngine(FirmwareProfile profile, NvStore nv, Host host) {
        this.settings = profile.fota();
        this.profileRevision = profile.identity().revision();
        this.nv = nv;
        this.host = host;
        this.record = load();
        this.snapshot = snapshotOf(record, false);
    }

    public NvStore nvStore() {
        return nv;
    }

    public void addListener(FotaListener l) {
        listeners.add(l);
    }

    public void removeListener(FotaListener l) {
        listeners.remove(l);
    }

    @Override
    public FotaState state() {
        return snapshot;
    }

    @Override
    public synchronized String packageUri() {
        return packageUri;
    }

    /** The revision running now (ATI, /3/0/3). */
    public String revision() {
        return snapshot.revision();
    }

    /** The package target held (/5/0/7 PkgVersion), empty when none. */
    public Optional<String> packageTarget() {
        return snapshot.packageTarget();
    }

    // ---------------------------------------------------------------- power

    /** Power on (also the restart after an update): reads non-volatile storage and says how to start. */
    public synchronized Boot powerOn() {
        powered = true;
        NvRecord r = load();
        Boot boot;
        switch (r.stage()) {
            case DOWNLOADING, DOWNLOADED -> {
                // 6.2: a cut while downloading or downloaded leaves the module idle, reporting nothing
                r = r.withStage(FotaStage.IDLE, 0).withTarget(Optional.empty()).withResult(UpdateResult.INITIAL, false);
                boot = new Boot.Normal();
            }
            case UPDATING -> boot = new Boot.ContinueUpdate(r.progress()); // 6.2: the update goes on
            default -> boot = endPending.isPresent() ? new Boot.AfterUpdate(endPending.getAsInt()) : new Boot.Normal();
        }
        endPending = OptionalInt.empty();
        packageUri = "";
        record = r;
        store("power on");
        if (boot instanceof Boot.ContinueUpdate c) {
            continueUpdate(c.progress(), gen);
        }
        return boot;
    }

    /** Power off: every running stage stops; only what {@link NvStore} holds is left. */
    public synchronized void powerOff(boolean reboot) {
        powered = false;
        gen++;
        stopDownload();
        if (!reboot) {
            endPending = OptionalInt.empty(); // a cut during the restart: the END line is lost with it
        }
        publish(reboot ? "restart" : "power off");
    }

    // ---------------------------------------------------------------- LwM2M /5

    @Override
    public synchronized String writePackageUri(String uri) {
        if (!powered) {
            return "5.03";
        }
        FotaStage stage = record.stage();
        if (uri == null || uri.isEmpty()) {
            // LwM2M 1.0 E.6: an empty URI resets the state machine
            if (stage == FotaStage.UPDATING) {
                return settings.writeWhileBusy();
            }
            stopDownload();
            packageUri = "";
            record = record.withStage(FotaStage.IDLE, 0).withTarget(Optional.empty())
                    .withResult(UpdateResult.INITIAL, false);
            store("package URI cleared");
            return "2.04";
        }
        if (stage != FotaStage.IDLE) {
            return settings.writeWhileBusy();
        }
        packageUri = uri;
        record = record.withStage(FotaStage.DOWNLOADING, 0).withTarget(Optional.empty())
                .withResult(UpdateResult.INITIAL, false);
        store("package URI written");
        int g = gen;
        urcLater(g, "+MIPLEVENT: 0," + EventId.FIRMWARE_DOWNLOADING.id()); // 6.1.1
        PackageDownloader d = new PackageDownloader(new PackageDownloader.Settings(settings.blockSize(),
                settings.blockPause(), settings.blockTimeout(), result(settings.notFoundResult()),
                result(settings.unreachableResult()), DeltaPackage.MAX_PAYLOAD + DeltaPackage.MAX_HEADER));
        downloader = d;
        d.start(uri, outcome -> host.post(() -> downloaded(g, d, outcome)));
        return "2.04";
    }

    @Override
    public synchronized String executeUpdate() {
        if (!powered) {
            return "5.03";
        }
        if (record.stage() != FotaStage.DOWNLOADED) {
            return settings.executeNotDownloaded();
        }
        record = record.withStage(FotaStage.UPDATING, 0);
        store("update executed");
        int g = gen;
        urcLater(g, "+MIPLEVENT: 0," + EventId.FIRMWARE_UPDATING.id()); // 6.1.2
        host.post(() -> host.schedule(Duration.ofMillis(20), () -> startUpdate(g))); // timers from the module thread
        return "2.04";
    }

    // ---------------------------------------------------------------- MCU commands while busy

    /** A MIPL command arrived while downloading with {@code while-downloading: fail-download}. */
    public synchronized void failDownload(String why) {
        if (record.stage() == FotaStage.DOWNLOADING) {
            stopDownload();
            downloadFailed(gen, UpdateResult.CONNECTION_LOST, why);
        }
    }

    // ---------------------------------------------------------------- registration (6.1.3)

    /** The MCU registered again (event 6): a result waiting since the update is reported now. */
    public synchronized void registered() {
        if (!record.report()) {
            return;
        }
        record = record.withResult(record.result(), false);
        store("result reported");
        EventId erase = settings.eraseFails() ? EventId.FIRMWARE_ERASE_FAIL : EventId.FIRMWARE_ERASE_SUCCESS;
        int g = gen;
        urcLater(g, "+MIPLEVENT: 0," + erase.id()); // 6.1.3: the package is erased
        host.post(() -> {
            if (g == gen()) {
                host.registrationUpdate(); // 7.10.6: event 11 follows
            }
        });
    }

    // ---------------------------------------------------------------- internals

    private synchronized int gen() {
        return gen;
    }

    private void downloaded(int g, PackageDownloader d, PackageDownloader.Outcome outcome) {
        synchronized (this) {
            if (g != gen || downloader != d || record.stage() != FotaStage.DOWNLOADING) {
                return; // stopped: power cut, reset, or a failure already reported
            }
            downloader = null;
            if (outcome instanceof PackageDownloader.Outcome.Stopped) {
                return;
            }
            if (outcome instanceof PackageDownloader.Outcome.Failed f) {
                downloadFailed(g, f.result(), f.reason());
                return;
            }
        }
        byte[] bytes = ((PackageDownloader.Outcome.Received) outcome).bytes();
        host.schedule(settings.checkTime(), () -> check(g, bytes));
    }

    private synchronized void check(int g, byte[] bytes) {
        if (g != gen || record.stage() != FotaStage.DOWNLOADING) {
            return;
        }
        DeltaPackage.Parsed parsed = DeltaPackage.parse(bytes);
        if (parsed instanceof DeltaPackage.Parsed.Invalid bad) {
            downloadFailed(g, UpdateResult.INTEGRITY_FAILURE, "package check: " + bad.problem() + ": " + bad.detail());
            return;
        }
        DeltaPackage pkg = ((DeltaPackage.Parsed.Valid) parsed).pkg();
        if (!pkg.base().equals(record.revision())) {
            downloadFailed(g, result(settings.wrongBaseResult()), "the package is made for " + pkg.base()
                    + ", the module runs " + record.revision());
            return;
        }
        record = record.withStage(FotaStage.DOWNLOADED, 0).withTarget(Optional.of(pkg.target()));
        store("package checked: " + pkg.base() + " -> " + pkg.target());
        host.urc("+MIPLEVENT: 0," + EventId.FIRMWARE_DOWNLOADED.id()); // 6.3
    }

    private void downloadFailed(int g, UpdateResult result, String why) {
        record = record.withStage(FotaStage.IDLE, 0).withTarget(Optional.empty()).withResult(result, false);
        store("download failed (" + result.code() + "): " + why);
        host.problem("DFOTA download failed, update result " + result.code() + ": " + why);
        urcLater(g, "+MIPLEVENT: 0," + EventId.FIRMWARE_DOWNLOAD_FAILED.id()); // 6.1.1
    }

    private synchronized void startUpdate(int g) {
        if (g != gen || record.stage() != FotaStage.UPDATING) {
            return;
        }
        host.urc(new FotaStart().format()); // 5.8
        continueUpdate(0, g);
    }

    /** Progress lines from {@code from}% to 100% over the profile's update time, then the restart. */
    private void continueUpdate(int from, int g) {
        int step = settings.progressStep();
        int lines = (100 - from + step - 1) / step + 1;
        Duration gap = settings.updateTime().dividedBy(Math.max(1, (100 + step - 1) / step));
        Duration at = Duration.ZERO;
        for (int i = 0; i < lines; i++) {
            int p = Math.min(100, from + i * step);
            Duration when = at;
            host.schedule(when, () -> progress(g, p));
            at = at.plus(gap);
        }
        host.schedule(at.minus(gap).plus(settings.rebootTime()), () -> finishUpdate(g));
    }

    private synchronized void progress(int g, int percent) {
        if (g != gen || record.stage() != FotaStage.UPDATING) {
            return;
        }
        record = record.withStage(FotaStage.UPDATING, percent);
        store("update " + percent + "%");
        host.urc(settings.updatingLine().replace("${percent}", Integer.toString(percent))); // 5.9, 7.10.6
    }

    private synchronized void finishUpdate(int g) {
        if (g != gen || record.stage() != FotaStage.UPDATING) {
            return;
        }
        String target = record.target().orElse(record.revision());
        boolean ok = !settings.updateFails();
        record = (ok ? record.withRevision(target) : record).withStage(FotaStage.IDLE, 0).withTarget(Optional.empty())
                .withResult(ok ? UpdateResult.SUCCESS : UpdateResult.UPDATE_FAILED, true);
        store(ok ? "updated to " + target : "update failed, " + record.revision() + " stays");
        endPending = OptionalInt.of(ok ? 0 : 255); // 5.10
        host.post(host::reboot);
    }

    /** The line of the END URC for a {@link Boot.AfterUpdate}. */
    public static String endLine(int upgradeErr) {
        return new FotaEnd(upgradeErr).format();
    }

    private void urcLater(int g, String line) {
        host.post(() -> {
            if (g == gen()) {
                host.urc(line);
            }
        });
    }

    private void stopDownload() {
        PackageDownloader d = downloader;
        downloader = null;
        if (d != null) {
            d.stop();
        }
    }

    private UpdateResult result(int code) {
        return UpdateResult.of(code).orElse(UpdateResult.UPDATE_FAILED);
    }

    private NvRecord load() {
        NvRecord fresh = NvRecord.fresh(profileRevision);
        NvRecord.Parsed p = nv.read(fresh);
        if (p instanceof NvRecord.Parsed.Ok ok) {
            return ok.record();
        }
        host.problem("non-volatile storage unreadable, starting fresh: " + ((NvRecord.Parsed.Invalid) p).reason());
        return fresh;
    }

    /** Writes the record to non-volatile storage and tells listeners. */
    private void store(String why) {
        try {
            nv.write(record);
        } catch (java.io.IOException e) {
            host.problem("cannot write non-volatile storage " + nv.file() + ": " + e);
        }
        publish(why);
    }

    private void publish(String why) {
        FotaState previous = snapshot;
        FotaState now = snapshotOf(record, powered);
        snapshot = now;
        if (previous.equals(now)) {
            return;
        }
        host.post(() -> {
            for (FotaListener l : listeners) {
                try {
                    l.changed(previous, now, why);
                } catch (RuntimeException e) {
                    host.problem("FOTA listener failed: " + e);
                }
            }
            host.firmwareChanged();
        });
    }

    private static FotaState snapshotOf(NvRecord r, boolean powered) {
        return new FotaState(r.stage(), r.progress(), r.revision(), r.result(), r.target(), powered);
    }
}
