package org.miplhil.learn;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.miplhil.at.RequestType;
import org.miplhil.dut.Reply;
import org.miplhil.dut.mcu.McuRequest;
import org.miplhil.objects.ObjectPath;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.PlatformResult;
import org.miplhil.platform.ResourceValue;
import org.miplhil.platform.ResourceWrite;
import org.miplhil.platform.WriteMode;

/**
 * Probes of the MCU's answers to the platform's requests (3.3.9-3.3.14): the platform reads, writes, executes and
 * discovers, the probe takes that kind of request over from the MCU and answers it wrongly first, as
 * suites/catalogue/responses.yaml does, then rightly (the request stays open after a refused answer). Also the time a
 * read takes from the platform to the module's response, and the code of an answer after the request was purged.
 */
public final class RequestProbes {

    /** How long the platform waits for an answer the probe gives by hand (several commands before it). */
    static final Duration ANSWERED_WITHIN = Duration.ofSeconds(20);
    /** What the read answer time is reported as (no profile key governs it). */
    public static final String READ_TIME = "read: the platform's read of /3303/0/5700 -> the module's 2.05";
    /** Reads measured for the read answer time. */
    static final int READS = 3;
    private static final ObjectPath SENSOR = ObjectPath.resource(3303, 0, 5700);
    private static final String A600 = "\"" + "A".repeat(600) + "\"";

    private RequestProbes() {
    }

    public static List<Probe> all() {
        List<Probe> p = new ArrayList<>();
        p.add(new ScenarioProbe("answers to the platform's requests", List.of("errors.rsp.result-not-allowed",
                "errors.readrsp.type-length", "errors.readrsp.uri-mismatch", "errors.readrsp.too-long",
                "errors.rsp.wrong-type", "errors.rsp.rai-range", "errors.discoverrsp.length-mismatch",
                "errors.discoverrsp.too-long", "parsing.discover-list-split"),
                ScenarioProbe.Start.REGISTERED, RequestProbes::answers));
        p.add(new ScenarioProbe("the read answer time", List.of(), ScenarioProbe.Start.REGISTERED, RequestProbes::readTime));
        p.add(new ScenarioProbe("an answer after the purge", List.of("errors.rsp.expired-msgid"),
                ScenarioProbe.Start.REGISTERED, RequestProbes::expired));
        return p;
    }

    private static List<Observation> answers(ProbeContext ctx) throws ProbeFailed {
        List<Observation> seen = new ArrayList<>();
        String ep = ctx.registered().endpoint();
        for (RequestType t : List.of(RequestType.READ, RequestType.WRITE, RequestType.EXECUTE, RequestType.DISCOVER)) {
            ctx.takeOver(t);
        }
        // 3.3.11: a read answered with a write's result, a float of 3 bytes, another resource
        CompletableFuture<PlatformResult> read = ctx.request(p -> p.read(ep, node(SENSOR), ANSWERED_WITHIN));
        long m = ctx.awaitRequest(RequestType.READ, SENSOR).msgId();
        seen.add(ProbeContext.error("rsp.result-not-allowed", ctx.send(readRsp(m, 2, "5700,4,4,9.8,0,0"))));
        seen.add(ProbeContext.error("readrsp.type-length", ctx.send(readRsp(m, 1, "5700,4,3,9.8,0,0"))));
        seen.add(ProbeContext.error("readrsp.uri-mismatch", ctx.send(readRsp(m, 1, "5601,4,4,0.16,0,0"))));
        answered(ctx, read, readRsp(m, 1, "5700,4,4,9.8,0,0"), "read of " + SENSOR);
        // 3.3.11 remark 1: the parts of one answer add up to more than 1023 bytes
        ObjectPath instance = ObjectPath.instance(3303, 0);
        CompletableFuture<PlatformResult> whole = ctx.request(p -> p.read(ep, node(instance), ANSWERED_WITHIN));
        long w = ctx.awaitRequest(RequestType.READ, instance).msgId();
        Reply first = ctx.send(readRsp(w, 1, "5701,1,600," + A600 + ",1,0"));
        seen.add(first.isOk() ? ProbeContext.error("readrsp.too-long", ctx.send(readRsp(w, 1, "5701,1,600," + A600 + ",0,0")))
                : new Observation("errors.readrsp.too-long", "", ValueType.INTEGER, "the first part was refused: "
                + ProbeContext.answer(first)));
        answered(ctx, whole, "AT+MIPLREADRSP=0," + w + ",13", "read of " + instance);
        // a write answered with a read's answer
        ObjectPath text = ObjectPath.resource(3311, 0, 5706);
        CompletableFuture<PlatformResult> write = ctx.request(p -> p.write(ep, node(text), WriteMode.REPLACE,
                List.of(new ResourceWrite(5706, ResourceValue.of("hello"))), ANSWERED_WITHIN));
        // the MCU sees a write by its instance (its URCs carry the resources, 5.4)
        long wm = ctx.awaitRequest(RequestType.WRITE, ObjectPath.instance(3311, 0)).msgId();
        seen.add(ProbeContext.error("rsp.wrong-type", ctx.send("AT+MIPLREADRSP=0," + wm
                + ",1,3311,0,5706,1,5,\"hello\",0,0")));
        answered(ctx, write, "AT+MIPLWRITERSP=0," + wm + ",2", "write of " + text);
        // 3.3.13: raiMode 0..2
        ObjectPath reset = ObjectPath.resource(3303, 0, 5605);
        CompletableFuture<PlatformResult> exec = ctx.request(p -> p.execute(ep, node(reset), "", ANSWERED_WITHIN));
        long em = ctx.awaitRequest(RequestType.EXECUTE, reset).msgId();
        seen.add(ProbeContext.error("rsp.rai-range", ctx.send("AT+MIPLEXECUTERSP=0," + em + ",2,3")));
        answered(ctx, exec, "AT+MIPLEXECUTERSP=0," + em + ",2,1", "execute of " + reset);
        seen.addAll(discover(ctx, ep));
        return seen;
    }

    /**
     * 3.3.9: a length other than the list's, a length over 255, and a list with an empty id whose length counts it as
     * written: accepted (the AT layer drops empty ids, {@code skip-empty}) or refused ({@code strict}).
     */
    private static List<Observation> discover(ProbeContext ctx, String ep) throws ProbeFailed {
        List<Observation> seen = new ArrayList<>();
        ObjectPath light = ObjectPath.object(3311);
        CompletableFuture<PlatformResult> disc = ctx.request(p -> p.discover(ep, node(light), ANSWERED_WITHIN));
        long dm = ctx.awaitRequest(RequestType.DISCOVER, light).msgId();
        seen.add(ProbeContext.error("discoverrsp.length-mismatch", ctx.send(discoverRsp(dm, 18, "5850;5851;5706;5805"))));
        seen.add(ProbeContext.error("discoverrsp.too-long", ctx.send(discoverRsp(dm, 256, "5850"))));
        Reply split = ctx.send(discoverRsp(dm, 20, "5850;5851;;5706;5805"));
        String value = split.isOk() ? "skip-empty" : Probes.cisCode(split).map(c -> "strict").orElse("");
        seen.add(new Observation("parsing.discover-list-split", value, ValueType.TEXT, ProbeContext.answer(split)));
        if (split.isOk()) {
            ProbeContext.await(disc, "discover of /3311", ANSWERED_WITHIN);
        } else {
            answered(ctx, disc, discoverRsp(dm, 19, "5850;5851;5706;5805"), "discover of /3311");
        }
        return seen;
    }

    /** Answers rightly and waits for the platform's result, so the next request starts alone. */
    private static void answered(ProbeContext ctx, CompletableFuture<PlatformResult> f, String answer, String what)
            throws ProbeFailed {
        Reply r = ctx.send(answer);
        if (!r.isOk()) {
            throw new ProbeFailed("the right answer to the " + what + " was refused: " + ProbeContext.answer(r));
        }
        ProbeContext.await(f, what, ANSWERED_WITHIN);
    }

    /** The platform reads /3303/0/5700 and the MCU answers at once: the time to the platform's 2.05. */
    private static List<Observation> readTime(ProbeContext ctx) throws ProbeFailed {
        String ep = ctx.registered().endpoint();
        for (int i = 0; i < READS; i++) {
            PlatformResult r = ProbeContext.await(ctx.request(p -> p.read(ep, node(SENSOR), ProbeContext.REQUEST_URC)),
                    "read of " + SENSOR, ANSWERED_WITHIN);
            if (!r.isSuccess()) {
                throw new ProbeFailed("the platform's read of " + SENSOR + " answered by the MCU: " + r.describe());
            }
            ctx.measure(READ_TIME, r.elapsed());
        }
        return List.of();
    }

    /**
     * A read left unanswered until the platform gave up on it, past the module's purge ({@code mipl.purge-after}: the
     * SDK forgets a request 20 s after its URC); then answered. The one slow probe: about the purge time.
     */
    private static List<Observation> expired(ProbeContext ctx) throws ProbeFailed {
        String ep = ctx.registered().endpoint();
        ctx.takeOver(RequestType.READ);
        Duration purge = ctx.current().mipl().purgeAfter();
        Duration platformWaits = purge.plusSeconds(2);
        long start = System.nanoTime();
        CompletableFuture<PlatformResult> read = ctx.request(p -> p.read(ep, node(SENSOR), platformWaits));
        McuRequest r = ctx.awaitRequest(RequestType.READ, SENSOR);
        PlatformResult gaveUp = ProbeContext.await(read, "read of " + SENSOR + " left unanswered",
                platformWaits.plus(ANSWERED_WITHIN));
        Reply late = ctx.send(readRsp(r.msgId(), 1, "5700,4,4,9.8,0,0"));
        Observation o = ProbeContext.error("rsp.expired-msgid", late);
        return List.of(new Observation(o.key(), o.value(), o.type(), o.answer() + " ("
                + Duration.ofNanos(System.nanoTime() - start).toSeconds() + " s after the read; the platform: " + gaveUp + ")"));
    }

    private static String readRsp(long msgId, int result, String rest) {
        return "AT+MIPLREADRSP=0," + msgId + "," + result + ",3303,0," + rest;
    }

    private static String discoverRsp(long msgId, int length, String list) {
        return "AT+MIPLDISCOVERRSP=0," + msgId + ",1," + length + ",\"" + list + "\"";
    }

    static NodePath node(ObjectPath p) {
        return NodePath.of(p.objId(), p.insId(), p.resId());
    }
}
