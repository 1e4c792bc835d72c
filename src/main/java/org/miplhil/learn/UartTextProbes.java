package org.miplhil.learn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.miplhil.dut.Reply;
import org.miplhil.sim.profile.FirmwareProfile;

/**
 * What the UART alone shows beyond a code: the error texts of {@code AT+CMEE=2} ({@code general.cme-parameter-error-text},
 * {@code general.cis-error-texts}) and the longest command line the module reads ({@code at.max-line-length}, by
 * bisection over the line's length). The line limit first (the insCount bisection keeps within it), the texts after
 * the bounds (the object table's end gives the code of addobj.too-many).
 */
final class UartTextProbes {

    /** The longest line tried: twice the XY1100 AT layer's AT_DATA_MAX_LEN (4000, at_global_def.h). */
    static final int LONGEST_TRIED = 8192;
    /** A line every module reads, as the reference answer (well below any limit). */
    static final int SHORT = 64;
    /** A command no firmware has, padded to a length: the AT layer checks the length before the command (at_farps_channel.c). */
    static final String PAD_COMMAND = "AT+HILPAD=";
    private static final Pattern CME_TEXT = Pattern.compile("\\+CME ERROR: *(.+)");
    private static final Pattern CIS_TEXT = Pattern.compile("\\+CIS ERROR: *(.+)");

    private final Function<String, Optional<Reply>> send;

    UartTextProbes(Function<String, Optional<Reply>> send) {
        this.send = send;
    }

    /** {@code AT+CMEE=2}, then the general command's bad parameter of {@code general.cme-parameter-error}. */
    Observation cmeText() {
        String key = "general.cme-parameter-error-text";
        reset();
        Optional<Reply> cmee = send.apply("AT+CMEE=2");
        if (cmee.isEmpty() || !cmee.get().isOk()) {
            return new Observation(key, "", ValueType.TEXT, "AT+CMEE=2 -> " + text(cmee));
        }
        Optional<Reply> r = send.apply("AT+CFUN=9");
        send.apply("AT+CMEE=1");
        Optional<String> name = r.flatMap(x -> group(CME_TEXT, x));
        return new Observation(key, name.orElse(""), ValueType.TEXT, "AT+CMEE=2, AT+CFUN=9 -> " + text(r));
    }

    /**
     * For each code the error probes saw, the first mistake that gave it, made again with {@code AT+CMEE=2}: the
     * name the firmware prints. A name-less code prints as the firmware prints it; {@code (null)}, the C library's
     * null string (at_onenet_proc.c get_cis_err_string), and the bare number are "no name" (left out of the value:
     * the profile names only the codes that have a name).
     * A code the current profile names that no probe provokes keeps the current name (the note says so).
     * {@code mistakes}: the error probes, as they were made (the object table's end as BoundaryProbes found it).
     */
    Observation cisTexts(FirmwareProfile current, List<Observation> seen, List<CommandProbe> mistakes) {
        String key = "general.cis-error-texts";
        Map<String, CommandProbe> byKey = new LinkedHashMap<>();
        mistakes.forEach(p -> byKey.put(p.key(), p));
        Map<Integer, CommandProbe> firstByCode = new TreeMap<>();
        for (Observation o : seen) {
            CommandProbe p = byKey.get(o.key());
            if (p != null && o.representable()) {
                firstByCode.putIfAbsent(Integer.parseInt(o.value()), p);
            }
        }
        Map<Integer, String> names = new TreeMap<>();
        List<String> evidence = new ArrayList<>();
        for (Map.Entry<Integer, CommandProbe> e : firstByCode.entrySet()) {
            CommandProbe p = e.getValue();
            reset();
            if (!p.setup().stream().allMatch(c -> send.apply(c).map(Reply::isOk).orElse(false))) {
                evidence.add(e.getKey() + ": setup of " + p.command() + " refused");
                continue;
            }
            send.apply("AT+CMEE=2");
            Optional<Reply> r = send.apply(p.command());
            send.apply("AT+CMEE=1");
            Optional<String> name = r.flatMap(x -> group(CIS_TEXT, x));
            evidence.add(e.getKey() + ": " + p.command() + " -> " + text(r));
            name.filter(n -> !n.equals("(null)") && !n.equals(String.valueOf(e.getKey())))
                    .ifPresent(n -> names.put(e.getKey(), n));
        }
        reset();
        List<String> kept = new ArrayList<>();
        current.general().cisErrorTexts().forEach((code, name) -> {
            if (!firstByCode.containsKey(code)) {
                names.put(code, name);
                kept.add(String.valueOf(code));
            }
        });
        String value = String.join(",", names.entrySet().stream().map(x -> x.getKey() + "=" + x.getValue()).toList());
        String answer = "AT+CMEE=2: " + String.join("; ", evidence)
                + (kept.isEmpty() ? "" : "; no probe gives " + String.join(", ", kept) + " (the current name kept)");
        return new Observation(key, value, ValueType.TEXT, answer);
    }

    /**
     * The longest line answered as a short one is: bisection between {@link #SHORT} and {@link #LONGEST_TRIED} over
     * the line's length without its terminator; a longer line gets another answer (the XY1100 AT layer:
     * ATERR_PARAM_INVALID). At most 14 lines.
     */
    Observation maxLineLength() {
        String key = "at.max-line-length";
        reset();
        Optional<Reply> reference = send.apply(padded(SHORT));
        if (reference.isEmpty()) {
            return new Observation(key, "", ValueType.INTEGER, padded(SHORT).substring(0, 16) + "... (" + SHORT
                    + " bytes) -> no final result");
        }
        String ref = reference.get().result().text();
        Optional<Reply> longest = send.apply(padded(LONGEST_TRIED));
        if (longest.isPresent() && longest.get().result().text().equals(ref)) {
            return new Observation(key, "", ValueType.INTEGER, "a line of " + LONGEST_TRIED + " bytes answered as one of "
                    + SHORT + " (" + ref + "): the limit lies beyond what is tried");
        }
        int lo = SHORT;
        int hi = LONGEST_TRIED;
        String over = text(longest);
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            Optional<Reply> r = send.apply(padded(mid));
            if (r.isPresent() && r.get().result().text().equals(ref)) {
                lo = mid;
            } else {
                hi = mid;
                over = text(r);
            }
        }
        return new Observation(key, String.valueOf(lo), ValueType.INTEGER, "a line of " + lo + " bytes -> " + ref
                + ", of " + hi + " bytes -> " + over);
    }

    /** {@link #PAD_COMMAND} and digits up to {@code length} bytes. */
    static String padded(int length) {
        StringBuilder b = new StringBuilder(length).append(PAD_COMMAND);
        while (b.length() < length) {
            b.append((char) ('0' + b.length() % 10));
        }
        return b.toString();
    }

    private void reset() {
        ProbeRunner.RESET.forEach(send::apply);
    }

    private static Optional<String> group(Pattern p, Reply r) {
        Matcher m = p.matcher(r.result().text());
        return m.matches() ? Optional.of(m.group(1).strip()) : Optional.empty();
    }

    /** The answer as evidence: its lines and final result, a line longer than 80 bytes shortened. */
    static String text(Optional<Reply> r) {
        return r.map(x -> (x.lines().isEmpty() ? "" : String.join(" | ", x.lines().stream().map(UartTextProbes::brief)
                        .toList()) + " | ") + x.result().text())
                .orElse("no final result within " + ProbeRunner.WITHIN.toSeconds() + " s");
    }

    private static String brief(String line) {
        return line.length() <= 80 ? line : line.substring(0, 24) + "... (" + line.length() + " bytes)";
    }
}
