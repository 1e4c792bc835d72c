package org.miplhil.platform.onenet.client;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.miplhil.platform.Device;
import org.miplhil.platform.fota.FotaCampaign;
import org.miplhil.platform.fota.FotaOutcome;
import org.miplhil.platform.fota.FotaSpec;
import org.miplhil.platform.fota.FotaStep;
import org.miplhil.platform.fota.PackageTransfer;

/**
 * A FOTA campaign run through the double's own FOTA call ({@code POST /nbiot/fota} to start, {@code GET /nbiot/fota}
 * for its status; OneNET has none: it creates LwM2M FOTA tasks in its console only). Only with
 * {@link OneNetSettings#withDoubleFota}. The package is named by file name: the double takes it from its own package
 * directory. Steps, outcome and package transfers are what the double's status reports, read when asked.
 */
final class DoubleFotaCampaign implements FotaCampaign {

    /** How often {@link #await} asks the double. */
    static final Duration POLL = Duration.ofMillis(250);

    private final OneNetClient client;
    private final String endpoint;
    private final FotaSpec spec;
    private volatile boolean cancelled;
    private volatile Status last = new Status(List.of(), Optional.empty(), List.of());

    private record Status(List<FotaStep> steps, Optional<FotaOutcome> outcome, List<PackageTransfer> transfers) {
    }

    private DoubleFotaCampaign(OneNetClient client, String endpoint, FotaSpec spec) {
        this.client = client;
        this.endpoint = endpoint;
        this.spec = spec;
    }

    /** Starts the campaign at the double; {@link IllegalStateException} with the double's answer when it refuses. */
    static DoubleFotaCampaign start(OneNetClient client, String endpoint, FotaSpec spec) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("imei", Device.imeiOf(endpoint));
        q.put("file", spec.packageFile().getFileName().toString());
        q.put("version", spec.targetVersion());
        q.put("trigger", spec.trigger() == FotaSpec.Trigger.NOW ? "now" : "next_uplink");
        q.put("step_timeout", Long.toString(Math.max(1, spec.stepTimeout().toSeconds())));
        q.put("phase_timeout", Long.toString(Math.max(1, spec.phaseTimeout().toSeconds())));
        ApiOutcome o = client.send(new ApiCall(ApiCall.Kind.DOUBLE_FOTA_START, q, Optional.empty(),
                Duration.ofSeconds(30)));
        if (!(o instanceof ApiOutcome.Reply r && r.ok())) {
            throw new IllegalStateException("the double's FOTA call refused the campaign: " + o);
        }
        return new DoubleFotaCampaign(client, endpoint, spec);
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public FotaSpec spec() {
        return spec;
    }

    @Override
    public List<FotaStep> steps() {
        return refresh().steps();
    }

    @Override
    public Optional<FotaOutcome> outcome() {
        return refresh().outcome();
    }

    /** The package downloads of this campaign's file the double served, as last read. */
    List<PackageTransfer> transfers() {
        return refresh().transfers();
    }

    @Override
    public FotaOutcome await(Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            Optional<FotaOutcome> o = outcome();
            if (o.isPresent()) {
                return o.get();
            }
            if (System.nanoTime() - end >= 0) {
                List<FotaStep> s = last.steps();
                return new FotaOutcome.TimedOut(s.isEmpty() ? "awaiting the double's task" : s.get(s.size() - 1).name());
            }
            try {
                Thread.sleep(Math.min(POLL.toMillis(), Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new FotaOutcome.Cancelled();
            }
        }
    }

    /** The double has no call to stop a task: the harness stops following it (outcome cancelled unless it ended). */
    @Override
    public void close() {
        refresh();
        cancelled = true;
    }

    private Status refresh() {
        Status s = last;
        if (s.outcome().isPresent()) {
            return s;
        }
        if (cancelled) {
            return new Status(s.steps(), Optional.of(new FotaOutcome.Cancelled()), s.transfers());
        }
        ApiOutcome o = client.send(new ApiCall(ApiCall.Kind.DOUBLE_FOTA_STATUS,
                Map.of("imei", Device.imeiOf(endpoint)), Optional.empty(), Duration.ofSeconds(30)));
        if (o instanceof ApiOutcome.Reply r && r.ok()) {
            last = parse(r.data());
        }
        return last;
    }

    private static Status parse(JsonNode d) {
        List<FotaStep> steps = new ArrayList<>();
        for (JsonNode s : d.path("steps")) {
            steps.add(new FotaStep(instant(s.path("at").asText()), s.path("name").asText(), s.path("detail").asText(),
                    Duration.ofMillis(s.path("elapsed_ms").asLong()), s.path("ok").asBoolean()));
        }
        Optional<FotaOutcome> outcome = switch (d.path("status").asText()) {
            case "succeeded" -> Optional.of(new FotaOutcome.Succeeded(d.path("firmware_version").asText()));
            case "failed" -> Optional.of(new FotaOutcome.Failed(d.path("reason").asText(),
                    d.path("update_result").asInt(-1)));
            case "timed_out" -> Optional.of(new FotaOutcome.TimedOut(d.path("phase").asText()));
            case "cancelled" -> Optional.of(new FotaOutcome.Cancelled());
            default -> Optional.empty();
        };
        List<PackageTransfer> transfers = new ArrayList<>();
        for (JsonNode t : d.path("transfers")) {
            PackageTransfer.Status st;
            try {
                st = PackageTransfer.Status.valueOf(t.path("status").asText().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                st = PackageTransfer.Status.IN_PROGRESS;
            }
            transfers.add(new PackageTransfer(instant(t.path("started").asText()), t.path("peer").asText(),
                    t.path("file").asText(), t.path("size").asLong(), t.path("blocks").asInt(), t.path("bytes").asLong(),
                    t.path("block_size").asInt(), Duration.ofMillis(t.path("duration_ms").asLong()), st));
        }
        return new Status(List.copyOf(steps), outcome, List.copyOf(transfers));
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }
}
