package org.miplhil.suite.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.miplhil.dut.Cursor;
import org.miplhil.platform.Device;
import org.miplhil.platform.DeviceEvent;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.Notification;
import org.miplhil.platform.NotificationAttributes;
import org.miplhil.platform.PlatformCapability;
import org.miplhil.platform.PlatformResult;
import org.miplhil.platform.ResourceData;
import org.miplhil.platform.ResourceValue;
import org.miplhil.platform.ResourceWrite;
import org.miplhil.suite.Attributes;
import org.miplhil.suite.LwM2mPath;
import org.miplhil.suite.PlatformExpectation;
import org.miplhil.suite.PlatformOperation;
import org.miplhil.suite.Since;
import org.miplhil.suite.Step;
import org.miplhil.suite.TypedValue;

/**
 * The platform family: {@code platform} (a request to the device, sent in the background and named with
 * {@code as}) and {@code expect-platform} (its response, a notification, a registration, update or
 * deregistration). It talks to the platform through {@link org.miplhil.platform.Platform} only, and waits on
 * {@link PlatformWatch}'s condition; where in the platform's lists it looks is the {@link CaseCursor}'s.
 */
final class PlatformSteps {

    /** A platform request sent by a {@code platform} step, answered (or not) in the background. */
    private record Pending(String label, long sentNanos, Future<Done> done) {}

    private record Done(PlatformResult result, long nanos) {}

    private final CaseContext ctx;
    private final Map<String, Pending> requests = new HashMap<>();
    private Pending latestRequest;

    PlatformSteps(CaseContext ctx) {
        this.ctx = ctx;
    }

    /** Stops waiting for the case's platform requests (a request nobody answered would block the platform). */
    void cancelPending() {
        for (Pending p : requests.values()) {
            p.done().cancel(true);
        }
        if (latestRequest != null) {
            latestRequest.done().cancel(true);
        }
    }

    void platform(Step.Platform step) {
        PlatformOperation op = step.operation();
        Duration timeout = StepText.platformTimeout(step);
        NodePath path = nodePath(op.path());
        String label = "platform " + op.word() + " " + op.path();
        Supplier<PlatformResult> call = call(op, path, timeout);
        int index = ctx.journalSize();
        long sent = System.nanoTime();
        Future<Done> done = ctx.background().submit(() -> {
            try {
                PlatformResult r = call.get();
                return new Done(r, System.nanoTime());
            } finally {
                ctx.watch().signal();
            }
        });
        Pending p = new Pending(label, sent, done);
        step.as().ifPresent(name -> requests.put(name, p));
        latestRequest = p;
        ctx.cursor().acted(index, sent, label);
    }

    private Supplier<PlatformResult> call(PlatformOperation op, NodePath path, Duration timeout) {
        if (op instanceof PlatformOperation.Discover) {
            return () -> ctx.platform().discover(ctx.endpoint(), path, timeout);
        }
        if (op instanceof PlatformOperation.Observe o) {
            NotificationAttributes a = attributes(o.attributes());
            return () -> ctx.platform().observe(ctx.endpoint(), path, a, timeout);
        }
        if (op instanceof PlatformOperation.Cancel) {
            return () -> ctx.platform().cancelObservation(ctx.endpoint(), path, timeout);
        }
        if (op instanceof PlatformOperation.Read) {
            return () -> ctx.platform().read(ctx.endpoint(), path, timeout);
        }
        if (op instanceof PlatformOperation.Write w) {
            List<ResourceWrite> values = new ArrayList<>();
            w.values().forEach((p, v) -> values.add(new ResourceWrite(p.resId().orElseThrow(), toValue(v))));
            org.miplhil.platform.WriteMode mode = w.mode() == PlatformOperation.WriteMode.PARTIAL
                    ? org.miplhil.platform.WriteMode.PARTIAL_UPDATE : org.miplhil.platform.WriteMode.REPLACE;
            return () -> ctx.platform().write(ctx.endpoint(), path, mode, values, timeout);
        }
        if (op instanceof PlatformOperation.Execute x) {
            String args = x.args().map(t -> ctx.render(t, "the arguments")).orElse("");
            return () -> ctx.platform().execute(ctx.endpoint(), path, args, timeout);
        }
        NotificationAttributes a = attributes(((PlatformOperation.WriteAttributes) op).attributes());
        return () -> ctx.platform().writeAttributes(ctx.endpoint(), path, a, timeout);
    }

    void expectPlatform(Step.ExpectPlatform step) {
        Cursor from = ctx.cursor().from(step.since());
        long deadline = from.nanoTime() + step.within().toNanos();
        PlatformExpectation e = step.expectation();
        if (e instanceof PlatformExpectation.Response r) {
            expectResponse(r, step.within(), deadline);
        } else if (e instanceof PlatformExpectation.Notification n) {
            expectNotification(n, from, step.since() == Since.STEP_START, step.within(), deadline, ctx.cursor().label(step.since()));
        } else {
            expectDeviceEvent(e, from, step.since() == Since.STEP_START, step.within(), deadline, ctx.cursor().label(step.since()));
        }
    }

    private void expectResponse(PlatformExpectation.Response r, Duration within, long deadline) {
        Pending p = r.to().map(requests::get).orElse(latestRequest);
        if (p == null) {
            throw StepFailed.harness("no platform request " + r.to().map(n -> "named '" + n + "' ").orElse("")
                    + "was sent in this case");
        }
        Done done;
        try {
            done = p.done().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            ctx.rec().deadline(p.label() + " -> answer", p.sentNanos(), within, null);
            throw StepFailed.module(p.label() + ": no outcome within " + CaseContext.millis(within) + " (the platform waits "
                    + "for the device's answer up to its timeout)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StepFailed.harness("interrupted while awaiting " + p.label());
        } catch (CancellationException e) {
            throw StepFailed.harness(p.label() + " was cancelled");
        } catch (ExecutionException e) {
            throw StepFailed.harness(e.getCause() == null ? e : e.getCause());
        }
        PlatformResult result = done.result();
        boolean timeoutExpected = r.code().isPresent() && r.code().get() instanceof PlatformExpectation.ResponseCode.Timeout;
        String outcome = result instanceof PlatformResult.Answered a ? a.code().dotted()
                : result instanceof PlatformResult.TimedOut ? "timeout" : result.toString();
        ctx.rec().deadline(p.label() + " -> " + outcome, p.sentNanos(), within, done.nanos());
        if (result instanceof PlatformResult.Answered a) {
            if (timeoutExpected) {
                throw StepFailed.module(p.label() + ": expected no answer (the platform gives up), got " + a);
            }
            if (r.code().isPresent()) {
                PlatformExpectation.ResponseCode.Coap c = (PlatformExpectation.ResponseCode.Coap) r.code().get();
                if (a.code().codeClass() != c.codeClass() || a.code().detail() != c.detail()) {
                    throw StepFailed.module(p.label() + ": expected " + c + ", the device answered " + a);
                }
            } else if (!a.code().isSuccess()) {
                throw StepFailed.module(p.label() + ": expected success (2.xx), the device answered " + a);
            }
            checkValues(p.label() + " answer", r.values(), a.values());
        } else if (result instanceof PlatformResult.TimedOut t) {
            if (!timeoutExpected) {
                throw StepFailed.module(p.label() + ": the device did not answer within " + CaseContext.millis(t.deadline())
                        + " (the platform gave up)");
            }
        } else if (result instanceof PlatformResult.DeviceOffline) {
            throw StepFailed.module(p.label() + ": the device (" + ctx.module().imei() + ") was not registered at the"
                    + " platform when the request was made");
        } else if (result instanceof PlatformResult.InvalidRequest i) {
            throw StepFailed.harness(p.label() + ": the platform refused to send it: " + i.reason());
        } else {
            PlatformResult.Failed f = (PlatformResult.Failed) result;
            throw switch (f.failure()) {
                case RESET, INVALID_RESPONSE -> StepFailed.module(p.label() + ": " + f);
                case SEND_FAILED -> StepFailed.infrastructure(p.label() + ": " + f);
                default -> StepFailed.harness(p.label() + ": " + f);
            };
        }
    }

    private void expectNotification(PlatformExpectation.Notification n, Cursor from, boolean stepStart,
                                    Duration within, long deadline, String label) {
        NodePath path = nodePath(n.path());
        Map<LwM2mPath, String> expected = renderValues(n.values());
        List<Integer> hits = new ArrayList<>();
        List<Notification> hitNotes = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        // with count: every match in the window (the step lasts the window; more than count ends it at once)
        int wanted = n.count().orElse(1);
        boolean exact = n.count().isPresent();
        boolean found = awaitPlatform(() -> {
            hits.clear();
            hitNotes.clear();
            List<Notification> all = ctx.platform().notifications();
            DataPointGroups groups = ctx.platform().supports(PlatformCapability.COAP_REQUEST_LOG) ? null
                    : new DataPointGroups(path);
            for (int i = ctx.cursor().notificationFloor(); i < all.size(); i++) {
                Notification x = all.get(i);
                if (stepStart && x.nanoTime() - from.nanoTime() < 0) {
                    continue;
                }
                if (!x.path().equals(path)) {
                    // a platform hiding CoAP (OneNET) shows application data: one data point per resource
                    x = groups == null ? null : groups.add(x).orElse(null);
                    if (x == null) {
                        continue;
                    }
                }
                String mismatch = valuesMismatch(expected, n.values(), x.values());
                if (mismatch == null) {
                    hits.add(i);
                    hitNotes.add(x);
                    if (!exact) {
                        return true;
                    }
                } else if (!seen.contains(x.values() + ": " + mismatch)) {
                    seen.add(x.values() + ": " + mismatch);
                }
            }
            return exact && hits.size() > wanted;
        }, deadline);
        String what = "a notification of " + n.path() + (expected.isEmpty() ? "" : " with " + expected);
        if (exact) {
            if (hits.size() != wanted) {
                ctx.rec().deadline(label + " -> notification " + n.path(), from.nanoTime(), within, null);
                throw StepFailed.module("awaited exactly " + wanted + " of " + what + " within "
                        + CaseContext.millis(within) + "; matching: " + hits.size() + " (" + hitNotes.stream()
                        .map(x -> x.values().toString()).toList() + "); others of that path: "
                        + (seen.isEmpty() ? "none" : String.join("; ", seen)));
            }
        } else if (!found) {
            ctx.rec().deadline(label + " -> notification " + n.path(), from.nanoTime(), within, null);
            throw StepFailed.module("awaited " + what + " within " + CaseContext.millis(within)
                    + "; notifications of that path received: " + (seen.isEmpty() ? "none" : String.join("; ", seen)));
        }
        int last = hits.size() - 1;
        ctx.cursor().notificationMatched(hits.get(last));
        ctx.deadline(label + " -> notification " + n.path(), from.nanoTime(), within, hitNotes.get(0).nanoTime());
    }

    private void expectDeviceEvent(PlatformExpectation e, Cursor from, boolean stepStart, Duration within,
                                   long deadline, String label) {
        String imei = ctx.module().imei();
        List<String> seen = new ArrayList<>();
        DeviceEvent[] hit = new DeviceEvent[1];
        int[] index = new int[1];
        boolean found = awaitPlatform(() -> {
            List<DeviceEvent> all = ctx.platform().events();
            for (int i = ctx.cursor().eventFloor(); i < all.size(); i++) {
                DeviceEvent x = all.get(i);
                if (stepStart && x.nanoTime() - from.nanoTime() < 0 || !Device.imeiOf(x.endpoint()).equals(imei)) {
                    continue;
                }
                if (kindMatches(e, x)) {
                    hit[0] = x;
                    index[0] = i;
                    return true;
                }
                String d = PlatformWatch.describe(x);
                if (!seen.contains(d)) {
                    seen.add(d);
                }
            }
            return false;
        }, deadline);
        String what = e.word();
        if (!found) {
            ctx.rec().deadline(label + " -> " + what, from.nanoTime(), within, null);
            throw StepFailed.module("awaited the device " + imei + " " + what + " at the platform within "
                    + CaseContext.millis(within) + "; its events since then: " + (seen.isEmpty() ? "none" : String.join("; ", seen)));
        }
        ctx.cursor().eventMatched(index[0]);
        ctx.deadline(label + " -> " + what, from.nanoTime(), within, hit[0].nanoTime());
        String mismatch = null;
        if (e instanceof PlatformExpectation.Registered r) {
            Device d = ((DeviceEvent.Registered) hit[0]).device();
            List<String> problems = new ArrayList<>();
            if (r.lifetime().isPresent() && d.lifetimeSeconds() != r.lifetime().getAsLong()) {
                problems.add("lifetime " + d.lifetimeSeconds() + " s, expected " + r.lifetime().getAsLong() + " s");
            }
            for (LwM2mPath p : r.objects()) {
                if (!d.objectLinks().contains(nodePath(p))) {
                    problems.add("no object link " + p + " (registered " + d.objectLinks() + ")");
                }
            }
            mismatch = problems.isEmpty() ? null : String.join("; ", problems);
        } else if (e instanceof PlatformExpectation.Updated u) {
            Device d = ((DeviceEvent.Updated) hit[0]).device();
            if (u.lifetime().isPresent() && d.lifetimeSeconds() != u.lifetime().getAsLong()) {
                mismatch = "lifetime " + d.lifetimeSeconds() + " s after the update, expected "
                        + u.lifetime().getAsLong() + " s";
            }
        }
        if (mismatch != null) {
            throw StepFailed.module("the device " + what + " at the platform, but with " + mismatch);
        }
    }

    private static boolean kindMatches(PlatformExpectation e, DeviceEvent x) {
        if (e instanceof PlatformExpectation.Registered) {
            return x instanceof DeviceEvent.Registered;
        }
        if (e instanceof PlatformExpectation.Updated) {
            return x instanceof DeviceEvent.Updated;
        }
        return x instanceof DeviceEvent.Deregistered g && !g.expired() && !g.replaced();
    }

    private boolean awaitPlatform(java.util.function.BooleanSupplier done, long deadline) {
        try {
            return ctx.watch().await(done, deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StepFailed.harness("interrupted while awaiting the platform");
        }
    }

    private void checkValues(String what, Map<LwM2mPath, TypedValue> expected, List<ResourceData> actual) {
        String mismatch = valuesMismatch(renderValues(expected), expected, actual);
        if (mismatch != null) {
            throw StepFailed.module(what + ": " + mismatch + "; values received: " + actual);
        }
    }

    private Map<LwM2mPath, String> renderValues(Map<LwM2mPath, TypedValue> values) {
        Map<LwM2mPath, String> out = new LinkedHashMap<>();
        values.forEach((p, v) -> out.put(p, ctx.render(v.text(), "the value of " + p)));
        return out;
    }

    /** Null when every expected value is among the actual ones; else what differs. */
    private static String valuesMismatch(Map<LwM2mPath, String> rendered, Map<LwM2mPath, TypedValue> expected,
                                         List<ResourceData> actual) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<LwM2mPath, TypedValue> e : expected.entrySet()) {
            NodePath path = nodePath(e.getKey());
            Optional<ResourceValue> got = actual.stream().filter(d -> d.path().equals(path)).map(ResourceData::value)
                    .findFirst();
            String want = rendered.get(e.getKey());
            if (got.isEmpty()) {
                problems.add(e.getKey() + " missing (expected " + e.getValue().type().word() + " " + want + ")");
            } else if (!Values.equal(e.getValue().type(), want, got.get())) {
                problems.add(e.getKey() + " is " + Values.describe(got.get()) + ", expected "
                        + e.getValue().type().word() + " " + want);
            }
        }
        return problems.isEmpty() ? null : String.join("; ", problems);
    }

    private ResourceValue toValue(TypedValue v) {
        String text = ctx.render(v.text(), "a value");
        return Values.toResourceValue(v.type(), text)
                .orElseThrow(() -> StepFailed.harness("'" + text + "' is not a " + v.type().word() + " value"));
    }

    static NodePath nodePath(LwM2mPath p) {
        return NodePath.of(p.objId(), p.insId().orElse(NodePath.NONE), p.resId().orElse(NodePath.NONE));
    }

    private static NotificationAttributes attributes(Attributes a) {
        return new NotificationAttributes(a.pmin(), a.pmax(),
                a.gt().map(x -> OptionalDouble.of(x.doubleValue())).orElse(OptionalDouble.empty()),
                a.lt().map(x -> OptionalDouble.of(x.doubleValue())).orElse(OptionalDouble.empty()),
                a.st().map(x -> OptionalDouble.of(x.doubleValue())).orElse(OptionalDouble.empty()));
    }
}
