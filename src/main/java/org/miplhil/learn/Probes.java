package org.miplhil.learn;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.miplhil.dut.Reply;
import org.miplhil.sim.profile.FirmwareProfile;

/**
 * The probes {@code profile learn} runs, built in code (docs/profile-learn.md lists them): each provokes one
 * behaviour the firmware profile describes with the note's own commands. Every probe starts from the same reset
 * ({@link ProbeRunner#RESET}: no instance, {@code AT+CMEE=1}), so each runs alone whatever the one before did.
 * The mistakes are provoked as the catalogue's error-codes suite provokes them (suites/catalogue/error-codes.yaml).
 */
public final class Probes {

    private static final String CREATE = "AT+MIPLCREATE";
    private static final String ADD = "AT+MIPLADDOBJ=0,3311,1,\"1\",4,2";
    private static final Pattern CIS = Pattern.compile("\\+CIS ERROR: *(\\d+)");
    private static final Pattern CME = Pattern.compile("\\+CME ERROR: *(\\d+)");

    private Probes() {
    }

    /** The probes read before anything is changed: echo, AT+CMEE's and AT+MIPLCONFIG's power-up state. */
    public static List<CommandProbe> first() {
        List<CommandProbe> p = new ArrayList<>();
        p.add(new CommandProbe("at.echo", List.of(), "AT", ValueType.BOOLEAN,
                r -> r.isOk() ? Optional.of(Boolean.toString(r.echoSeen())) : Optional.empty()));
        p.add(new CommandProbe("at.cmee", List.of(), "AT+CMEE?", ValueType.INTEGER, field("+CMEE:", 0)));
        p.add(new CommandProbe("at.cfun", List.of(), "AT+CFUN?", ValueType.INTEGER, field("+CFUN:", 0)));
        // 3.3.1: before any AT+MIPLCONFIG the query shows the defaults (mode, format, bsMode, ip, port, auto_update)
        p.add(new CommandProbe("mipl.default-mode", List.of(), "AT+MIPLCONFIG?", ValueType.INTEGER, field("+MIPLCONFIG:", 0)));
        p.add(new CommandProbe("mipl.default-recv-data-format", List.of(), "AT+MIPLCONFIG?", ValueType.INTEGER,
                field("+MIPLCONFIG:", 1)));
        p.add(new CommandProbe("mipl.default-bs-mode", List.of(), "AT+MIPLCONFIG?", ValueType.INTEGER, field("+MIPLCONFIG:", 2)));
        p.add(new CommandProbe("mipl.default-port", List.of(), "AT+MIPLCONFIG?", ValueType.INTEGER, field("+MIPLCONFIG:", 4)));
        p.add(new CommandProbe("mipl.default-auto-update", List.of(), "AT+MIPLCONFIG?", ValueType.INTEGER,
                field("+MIPLCONFIG:", 5)));
        return p;
    }

    /** Identity and general answers. */
    public static List<CommandProbe> identity() {
        List<CommandProbe> p = new ArrayList<>();
        p.add(new CommandProbe("identity.manufacturer", List.of(), "ATI", ValueType.TEXT, nthLine(0)));
        p.add(new CommandProbe("identity.model", List.of(), "ATI", ValueType.TEXT, nthLine(1)));
        p.add(new CommandProbe("identity.revision", List.of(), "ATI", ValueType.TEXT, r -> r.lines().stream()
                .filter(l -> l.startsWith("Revision:")).map(l -> l.substring("Revision:".length()).strip()).findFirst()));
        p.add(new CommandProbe("identity.mipl-version", List.of(), "AT+MIPLVER?", ValueType.TEXT, field("+MIPLVER:", 0)));
        p.add(new CommandProbe("general.cgmi", List.of(), "AT+CGMI", ValueType.TEXT, nthLine(0)));
        p.add(new CommandProbe("general.cpin", List.of(), "AT+CPIN?", ValueType.TEXT, field("+CPIN:", 0)));
        p.add(new CommandProbe("at.qsclk", List.of(), "AT+QSCLK?", ValueType.INTEGER, field("+QSCLK:", 0)));
        // a general command with a bad parameter, errors with their code (AT+CMEE=1 of the reset)
        p.add(new CommandProbe("general.cme-parameter-error", List.of(), "AT+CFUN=9", ValueType.INTEGER, Probes::cmeCode));
        return p;
    }

    /** How the AT layer reads MIPL parameters (docs/virtual-module.md "Parsing"): a form the note does not write. */
    public static List<CommandProbe> parsing() {
        List<CommandProbe> p = new ArrayList<>();
        p.add(new CommandProbe("parsing.quotes-optional", List.of(CREATE), "AT+MIPLADDOBJ=0,3311,1,1,4,2", ValueType.BOOLEAN,
                Probes::accepted));
        p.add(new CommandProbe("parsing.hex-integers", List.of(CREATE), "AT+MIPLADDOBJ=0,0xCEF,1,\"1\",4,2", ValueType.BOOLEAN,
                Probes::accepted));
        return p;
    }

    /** The code of each mistake a module in attached state can be shown (chapter 4, the profile's errors table). */
    public static List<CommandProbe> errors() {
        List<CommandProbe> p = new ArrayList<>();
        error(p, "any.parameter", List.of(), "AT+MIPLDELETE=1"); // <ref> other than 0
        error(p, "any.unsupported-form", List.of(), "AT+MIPLVER=?");
        error(p, "config.instance-exists", List.of(CREATE), "AT+MIPLCONFIG=0,1,1,\"183.230.40.39\",5683");
        error(p, "config.parameter", List.of(), "AT+MIPLCONFIG=0,2,1,\"183.230.40.39\",5683"); // format 0..1
        error(p, "create.twice", List.of(CREATE), CREATE);
        error(p, "create.with-parameters", List.of(), "AT+MIPLCREATE=0");
        error(p, "delete.no-instance", List.of(), "AT+MIPLDELETE=0");
        error(p, "addobj.no-instance", List.of(), ADD);
        error(p, "addobj.id-range", List.of(CREATE), "AT+MIPLADDOBJ=0,65536,1,\"1\",4,2");
        error(p, "addobj.ins-count", List.of(CREATE), "AT+MIPLADDOBJ=0,3311,9,\"111111111\",4,2");
        error(p, "addobj.bitmap-length", List.of(CREATE), "AT+MIPLADDOBJ=0,3311,2,\"1\",4,2");
        error(p, "addobj.duplicate", List.of(CREATE, ADD), ADD);
        List<String> eight = new ArrayList<>(List.of(CREATE));
        for (int obj : new int[] {3300, 3301, 3302, 3303, 3304, 3305, 3306, 3311}) {
            eight.add("AT+MIPLADDOBJ=0," + obj + ",1,\"1\",1,0");
        }
        error(p, "addobj.too-many", eight, "AT+MIPLADDOBJ=0,3312,1,\"1\",1,0");
        error(p, "delobj.no-instance", List.of(), "AT+MIPLDELOBJ=0,3311");
        error(p, "delobj.not-found", List.of(CREATE), "AT+MIPLDELOBJ=0,3311");
        error(p, "open.no-instance", List.of(), "AT+MIPLOPEN=0,86400,30");
        error(p, "open.lifetime-range", List.of(CREATE, ADD), "AT+MIPLOPEN=0,14,30"); // 3.3.7: 15..268435455 or 0
        error(p, "open.timeout-range", List.of(CREATE, ADD), "AT+MIPLOPEN=0,86400,0"); // 3.3.7: 1..65535
        error(p, "close.no-instance", List.of(), "AT+MIPLCLOSE=0");
        error(p, "notify.no-instance", List.of(), "AT+MIPLNOTIFY=0,1,3311,0,5850,5,1,1,0,0");
        error(p, "notify.no-observation", List.of(CREATE, ADD), "AT+MIPLNOTIFY=0,1,3311,0,5850,5,1,1,0,0");
        error(p, "rsp.no-instance", List.of(), "AT+MIPLWRITERSP=0,1,2");
        error(p, "rsp.unknown-msgid", List.of(CREATE, ADD), "AT+MIPLWRITERSP=0,1,2");
        error(p, "update.no-instance", List.of(), "AT+MIPLUPDATE=0,86400,0");
        error(p, "update.not-registered", List.of(CREATE, ADD), "AT+MIPLUPDATE=0,86400,0");
        return p;
    }

    /** The information line of each test form the current profile lists ({@code AT+MIPLOPEN=?}). */
    public static List<CommandProbe> testForms(FirmwareProfile current) {
        return current.testResponses().keySet().stream().sorted()
                .map(cmd -> new CommandProbe("test-responses." + cmd, List.of(), cmd + "=?", ValueType.TEXT,
                        r -> r.isOk() && r.lines().size() == 1 ? Optional.of(r.lines().get(0)) : Optional.empty()))
                .toList();
    }

    private static void error(List<CommandProbe> probes, String mistake, List<String> setup, String command) {
        probes.add(new CommandProbe("errors." + mistake, setup, command, ValueType.INTEGER, Probes::cisCode));
    }

    /** {@code true} when the command was accepted, {@code false} when refused with a MIPL code. */
    static Optional<String> accepted(Reply r) {
        return r.isOk() ? Optional.of("true") : cisCode(r).map(c -> "false");
    }

    static Optional<String> cmeCode(Reply r) {
        Matcher m = CME.matcher(r.result().text());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The code of {@code +CIS ERROR: <n>}; another answer (OK, ERROR, +CME ERROR) is no value of the errors table. */
    static Optional<String> cisCode(Reply r) {
        Matcher m = CIS.matcher(r.result().text());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** Field {@code n} (0-based, comma separated, quotes removed) of the information line starting with {@code prefix}. */
    static Function<Reply, Optional<String>> field(String prefix, int n) {
        return r -> {
            if (!r.isOk()) {
                return Optional.empty();
            }
            return r.line(prefix).flatMap(l -> {
                String[] f = l.substring(prefix.length()).strip().split(",", -1);
                return n < f.length ? Optional.of(f[n].strip().replace("\"", "")) : Optional.empty();
            });
        };
    }

    private static Function<Reply, Optional<String>> nthLine(int n) {
        return r -> r.isOk() && r.lines().size() > n ? Optional.of(r.lines().get(n)) : Optional.empty();
    }
}
