package org.miplhil.learn;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongPredicate;
import org.miplhil.dut.Reply;
import org.miplhil.sim.profile.FirmwareProfile;

/**
 * Where the bounds lie: {@code mipl.lifetime-min/-max}, {@code mipl.timeout-min/-max} by bisection over
 * {@code AT+MIPLOPEN}'s parameters, {@code limits.ins-count-max} by bisection over {@code AT+MIPLADDOBJ}'s
 * insCount, {@code limits.max-objects} by adding objects until one is refused. Every try starts from the reset
 * ({@link ProbeRunner#RESET}); a bisection takes at most 32 tries.
 *
 * <p>{@code AT+MIPLOPEN} is tried without an instance: the AT layer checks lifetime and timeout before it looks for
 * the instance (seer300/NBIOT_XY1100 at_onenet_proc.c at_proc_miplopen_req, VER_QUCTL260 branch), so a value in
 * range is answered {@code open.no-instance}, one out of range {@code open.lifetime-range} / {@code open.timeout-range},
 * and nothing registers: no packet reaches a platform. A firmware that answers both alike cannot show its bounds
 * this way (the keys are then reported, not learnt).
 */
final class BoundaryProbes {

    /** 3.3.7's example lifetime and the note's default timeout: in range on any firmware of the note. */
    static final long LIFETIME_IN = 86400;
    static final long TIMEOUT_IN = 30;
    /** AT+MIPLOPEN's parameters are read as C ints (at_parse_param_2 "%d"). */
    static final long INT_MAX = Integer.MAX_VALUE;
    /** Objects tried at most: IPSO ids 3300.. (the note's max 8 is the XY1100's OBJECT_BACKUP_MAX). */
    static final int OBJECTS_TRIED = 32;
    /** insCount tried at most: 3.3.5's 65535, but the line must stay within the line limit. */
    static final long INS_COUNT_TRIED = 65535;
    private static final String CREATE = "AT+MIPLCREATE";

    private final Function<String, Optional<Reply>> send;

    BoundaryProbes(Function<String, Optional<Reply>> send) {
        this.send = send;
    }

    /** The six keys; {@code seen} gives the line limit learnt just before (the insCount line must fit it). */
    List<Observation> run(FirmwareProfile current, List<Observation> seen) {
        List<Observation> out = new ArrayList<>();
        Optional<Reply> inRange = tryOpen(LIFETIME_IN, TIMEOUT_IN);
        Optional<Reply> lifeOut = tryOpen(-1, TIMEOUT_IN);
        Optional<Reply> timeOut = tryOpen(LIFETIME_IN, -1);
        String in = UartTextProbes.text(inRange);
        boolean lifeShows = inRange.isPresent() && lifeOut.isPresent() && !in.equals(UartTextProbes.text(lifeOut));
        boolean timeShows = inRange.isPresent() && timeOut.isPresent() && !in.equals(UartTextProbes.text(timeOut));
        String noShow = "without an instance AT+MIPLOPEN=0," + LIFETIME_IN + "," + TIMEOUT_IN + " -> " + in
                + " as a value out of range (";
        LongPredicate lifetimeOk = l -> UartTextProbes.text(tryOpen(l, TIMEOUT_IN)).equals(in);
        LongPredicate timeoutOk = t -> UartTextProbes.text(tryOpen(LIFETIME_IN, t)).equals(in);
        if (lifeShows) {
            // 0 is no lifetime but "3600" (3.3.7): the lower bound is sought from 1
            out.add(lower("mipl.lifetime-min", 1, LIFETIME_IN, lifetimeOk, "AT+MIPLOPEN=0,%d," + TIMEOUT_IN, in));
            out.add(upper("mipl.lifetime-max", LIFETIME_IN, INT_MAX, lifetimeOk, "AT+MIPLOPEN=0,%d," + TIMEOUT_IN, in));
        } else {
            String why = noShow + "AT+MIPLOPEN=0,-1," + TIMEOUT_IN + " -> " + UartTextProbes.text(lifeOut) + ")";
            out.add(new Observation("mipl.lifetime-min", "", ValueType.INTEGER, why));
            out.add(new Observation("mipl.lifetime-max", "", ValueType.INTEGER, why));
        }
        if (timeShows) {
            out.add(lower("mipl.timeout-min", 0, TIMEOUT_IN, timeoutOk, "AT+MIPLOPEN=0," + LIFETIME_IN + ",%d", in));
            out.add(upper("mipl.timeout-max", TIMEOUT_IN, INT_MAX, timeoutOk, "AT+MIPLOPEN=0," + LIFETIME_IN + ",%d", in));
        } else {
            String why = noShow + "AT+MIPLOPEN=0," + LIFETIME_IN + ",-1 -> " + UartTextProbes.text(timeOut) + ")";
            out.add(new Observation("mipl.timeout-min", "", ValueType.INTEGER, why));
            out.add(new Observation("mipl.timeout-max", "", ValueType.INTEGER, why));
        }
        out.addAll(maxObjects());
        out.add(insCountMax(current, seen));
        reset();
        return out;
    }

    /** From the reset, no instance: AT+MIPLOPEN=0,lifetime,timeout. */
    private Optional<Reply> tryOpen(long lifetime, long timeout) {
        reset();
        return send.apply("AT+MIPLOPEN=0," + lifetime + "," + timeout);
    }

    /** The smallest accepted value in [from, known]: {@code known} is accepted; {@code from} may be. */
    private static Observation lower(String key, long from, long known, LongPredicate ok, String form, String in) {
        if (ok.test(from)) {
            return new Observation(key, String.valueOf(from), ValueType.INTEGER, String.format(form, from) + " -> "
                    + in + " (in range; the smallest value tried)");
        }
        long lo = from; // refused
        long hi = known; // accepted
        while (hi - lo > 1) {
            long mid = lo + (hi - lo) / 2;
            if (ok.test(mid)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return new Observation(key, String.valueOf(hi), ValueType.INTEGER, String.format(form, hi) + " -> " + in
                + " (in range), " + String.format(form, lo) + " -> out of range");
    }

    /** The largest accepted value in [known, to]: {@code known} is accepted; a bound at {@code to} is not shown. */
    private static Observation upper(String key, long known, long to, LongPredicate ok, String form, String in) {
        if (ok.test(to)) {
            return new Observation(key, "", ValueType.INTEGER, String.format(form, to) + " -> " + in
                    + ": in range up to the largest value a C int holds");
        }
        long lo = known; // accepted
        long hi = to; // refused
        while (hi - lo > 1) {
            long mid = lo + (hi - lo) / 2;
            if (ok.test(mid)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return new Observation(key, String.valueOf(lo), ValueType.INTEGER, String.format(form, lo) + " -> " + in
                + " (in range), " + String.format(form, hi) + " -> out of range");
    }

    /**
     * Objects 3300, 3301, ... (one instance each) until one is refused: the count accepted, and the refusal's code as
     * {@code errors.addobj.too-many} where the table really ends (the error probe assumes 8 objects).
     */
    private List<Observation> maxObjects() {
        String key = "limits.max-objects";
        reset();
        Optional<Reply> created = send.apply(CREATE);
        if (created.isEmpty() || !created.get().isOk()) {
            return List.of(new Observation(key, "", ValueType.INTEGER, CREATE + " -> " + UartTextProbes.text(created)));
        }
        for (int n = 0; n < OBJECTS_TRIED; n++) {
            String add = "AT+MIPLADDOBJ=0," + (3300 + n) + ",1,\"1\",1,0";
            Optional<Reply> r = send.apply(add);
            if (r.isEmpty() || !r.get().isOk()) {
                String answer = n + " objects added, " + add + " -> " + UartTextProbes.text(r);
                List<Observation> out = new ArrayList<>();
                out.add(new Observation(key, n == 0 ? "" : String.valueOf(n), ValueType.INTEGER, answer));
                if (n > 0 && r.flatMap(Probes::cisCode).isPresent()) {
                    out.add(new Observation("errors.addobj.too-many", r.flatMap(Probes::cisCode).get(), ValueType.INTEGER,
                            answer));
                    List<String> setup = new ArrayList<>(List.of(CREATE));
                    for (int i = 0; i < n; i++) {
                        setup.add("AT+MIPLADDOBJ=0," + (3300 + i) + ",1,\"1\",1,0");
                    }
                    tooMany = Optional.of(new CommandProbe("errors.addobj.too-many", setup, add, ValueType.INTEGER, Probes::cisCode));
                }
                return out;
            }
        }
        return List.of(new Observation(key, "", ValueType.INTEGER, OBJECTS_TRIED + " objects added and none refused"));
    }

    /**
     * The largest insCount (with as many '1's in the bitmap, 3.3.5 remark 2) one AT+MIPLADDOBJ is accepted with, each
     * try from the reset and a new instance.
     */
    private Observation insCountMax(FirmwareProfile current, List<Observation> seen) {
        String key = "limits.ins-count-max";
        int lineLimit = seen.stream().filter(o -> o.key().equals("at.max-line-length") && o.representable())
                .map(o -> Integer.parseInt(o.value())).findFirst().orElse(current.at().maxLineLength());
        String form = "AT+MIPLADDOBJ=0,3311,%d,\"<%1$d ones>\",1,0";
        long longest = Math.min(INS_COUNT_TRIED, lineLimit - addObj(0).length());
        if (!accepted(1)) {
            return new Observation(key, "", ValueType.INTEGER, String.format(form, 1) + " refused: "
                    + UartTextProbes.text(lastAdd));
        }
        if (accepted(longest)) {
            return new Observation(key, "", ValueType.INTEGER, String.format(form, longest)
                    + " accepted: the longest line the module reads allows no more");
        }
        long lo = 1;
        long hi = longest;
        String refused = UartTextProbes.text(lastAdd);
        while (hi - lo > 1) {
            long mid = lo + (hi - lo) / 2;
            if (accepted(mid)) {
                lo = mid;
            } else {
                hi = mid;
                refused = UartTextProbes.text(lastAdd);
            }
        }
        return new Observation(key, String.valueOf(lo), ValueType.INTEGER, String.format(form, lo) + " -> OK, "
                + String.format(form, hi) + " -> " + refused);
    }

    private Optional<Reply> lastAdd = Optional.empty();
    private Optional<CommandProbe> tooMany = Optional.empty();

    /** The error probes, {@code errors.addobj.too-many} made at the object table's end as found (after {@link #run}). */
    List<CommandProbe> mistakes() {
        return Probes.errors().stream().map(p -> p.key().equals("errors.addobj.too-many") ? tooMany.orElse(p) : p).toList();
    }

    private boolean accepted(long insCount) {
        reset();
        if (!send.apply(CREATE).map(Reply::isOk).orElse(false)) {
            lastAdd = Optional.empty();
            return false;
        }
        lastAdd = send.apply(addObj(insCount));
        return lastAdd.map(Reply::isOk).orElse(false);
    }

    private static String addObj(long insCount) {
        return "AT+MIPLADDOBJ=0,3311," + insCount + ",\"" + "1".repeat((int) insCount) + "\",1,0";
    }

    private void reset() {
        ProbeRunner.RESET.forEach(send::apply);
    }
}
