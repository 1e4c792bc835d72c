package org.miplhil.platform.http;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.miplhil.platform.Device;
import org.miplhil.platform.Platform;
import org.miplhil.platform.fota.FotaCampaign;
import org.miplhil.platform.fota.FotaOutcome;
import org.miplhil.platform.fota.FotaSpec;
import org.miplhil.platform.fota.FotaStep;
import org.miplhil.platform.fota.PackageTransfer;

/**
 * {@code POST/GET /nbiot/fota}: this double's own calls for a FOTA campaign (6.1); OneNET has none (it creates LwM2M
 * FOTA tasks in its console only). The status carries the task's steps, its outcome and the package downloads of its
 * file ({@code transfers}); {@code step_timeout} and {@code phase_timeout} (seconds) are the campaign's timeouts.
 */
final class FotaCalls {

    private final Platform platform;
    private final Path packages;
    /** FOTA tasks created through the API; the task id is the index plus one. */
    private final List<Task> tasks = new CopyOnWriteArrayList<>();

    private record Task(int id, String imei, String file, FotaCampaign campaign, java.time.Instant createdAt) {
    }

    /** A step of a FOTA task's status. */
    record StepBody(String at, String name, String detail, @JsonProperty("elapsed_ms") long elapsedMs, boolean ok) {
    }

    FotaCalls(Platform platform, Path packages) {
        this.platform = platform;
        this.packages = packages;
    }

    /** 7.10.5: an upgrade task for one device; it need not be online (7.10.6: it runs when the device registers). */
    Reply start(ApiRequest.FotaStart f) {
        Path file = packages.resolve(f.file());
        if (!Files.isRegularFile(file)) {
            return Reply.error(ErrNo.INVALID_PARAMETER, "no package " + f.file() + " in " + packages);
        }
        String endpoint = platform.deviceByImei(f.imei()).map(Device::endpoint).orElse(f.imei());
        FotaSpec spec = new FotaSpec(file, f.version(), f.nextUplink() ? FotaSpec.Trigger.NEXT_UPLINK
                : FotaSpec.Trigger.NOW, f.stepTimeout(), f.phaseTimeout());
        FotaCampaign campaign;
        try {
            campaign = platform.startFota(endpoint, spec);
        } catch (UnsupportedOperationException | IllegalStateException e) {
            return Reply.error(ErrNo.SERVICE_INTERNAL_ERROR, String.valueOf(e.getMessage()));
        }
        Task task;
        synchronized (tasks) {
            task = new Task(tasks.size() + 1, f.imei(), f.file(), campaign, java.time.Instant.now().minusSeconds(1));
            tasks.add(task);
        }
        return Reply.ok(Map.of("task_id", task.id()));
    }

    Reply status(ApiRequest.FotaStatus f) {
        Task task = null;
        for (Task t : tasks) {
            if (t.imei().equals(f.imei())) {
                task = t;
            }
        }
        if (task == null) {
            return Reply.error(ErrNo.INVALID_PARAMETER, "no FOTA task for imei " + f.imei());
        }
        FotaCampaign c = task.campaign();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("task_id", task.id());
        data.put("imei", task.imei());
        data.put("file", task.file());
        data.put("version", c.spec().targetVersion());
        data.put("trigger", c.spec().trigger() == FotaSpec.Trigger.NOW ? "now" : "next_uplink");
        Optional<FotaOutcome> outcome = c.outcome();
        if (outcome.isEmpty()) {
            data.put("status", "running");
        } else if (outcome.get() instanceof FotaOutcome.Succeeded s) {
            data.put("status", "succeeded");
            data.put("firmware_version", s.version());
        } else if (outcome.get() instanceof FotaOutcome.Failed x) {
            data.put("status", "failed");
            data.put("reason", x.reason());
            data.put("update_result", x.updateResult());
        } else if (outcome.get() instanceof FotaOutcome.TimedOut t) {
            data.put("status", "timed_out");
            data.put("phase", t.phase());
        } else {
            data.put("status", "cancelled");
        }
        List<StepBody> steps = new ArrayList<>();
        for (FotaStep s : c.steps()) {
            steps.add(new StepBody(s.at().toString(), s.name(), s.detail(), s.elapsed().toMillis(), s.ok()));
        }
        data.put("steps", steps);
        // the package downloads the platform served of this task's file (PACKAGE_TRANSFERS through the adapter)
        List<Map<String, Object>> transfers = new ArrayList<>();
        for (PackageTransfer t : platform.packageTransfers()) {
            // the package as offered to this task's device (another device's download of the same file is not it)
            if (t.file().equals(task.file()) && (t.owner().isEmpty() || t.owner().equals(task.imei()))
                    && !t.started().isBefore(task.createdAt())) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("started", t.started().toString());
                m.put("peer", t.peer());
                m.put("file", t.file());
                m.put("size", t.size());
                m.put("blocks", t.blocks());
                m.put("bytes", t.bytes());
                m.put("block_size", t.blockSize());
                m.put("duration_ms", t.duration().toMillis());
                m.put("status", t.status().name().toLowerCase(java.util.Locale.ROOT));
                transfers.add(m);
            }
        }
        data.put("transfers", transfers);
        return Reply.ok(data);
    }
}
