package org.miplhil.sim;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.OptionalLong;
import org.miplhil.at.CommandHead;
import org.miplhil.at.Param;
import org.miplhil.at.ParsedCommand.Form;
import org.miplhil.sim.Outcome;
import org.miplhil.sim.Outcome.Reply;
import org.miplhil.sim.profile.FirmwareProfile;

/**
 * The commands of the module beyond the MIPL set (3GPP TS 27.007, V.250, Quectel's own), answered as the XY1100 AT
 * layer and a real BC260Y-CN answer them (docs/evidence.md "General commands"); every text comes from the
 * {@link FirmwareProfile}. The radio state behind them is {@link NetworkState}. An unknown command is plain
 * {@code ERROR}; a known one with a bad parameter is the {@link ErrorForm#parameter()} error.
 */
final class GeneralCommands {

    /** What the commands need from the module. */
    interface Host {
        /** AT+QRST=1: restart after the OK is out (RDY and the power-up lines follow). */
        void restart();

        /** The firmware revision running now (changed by a DFOTA update); null: the profile's. */
        String firmwareRevision();
    }

    /** The extended commands this class answers (each in the forms its method below takes). */
    static final List<String> EXTENDED = List.of("+CMEE", "+CGSN", "+CEREG", "+CGPADDR", "+CFUN", "+CGATT", "+CSQ",
            "+CESQ", "+CIMI", "+CSCON", "+CPSMS", "+CEDRXS", "+CEDRXRDP", "+CGACT", "+CGDCONT", "+CGMI", "+CGMM",
            "+CGMR", "+CPIN", "+QCCID", "+CCLK", "+QRST", "+QBAND", "+QENG");

    /** The V.250 basic commands {@link #basic} answers: bare {@code AT}, {@code ATE[0|1]}, {@code ATI[0]}. */
    static final List<String> BASIC = List.of("", "E", "I");

    private static final DateTimeFormatter CCLK = DateTimeFormatter.ofPattern("yyyy/MM/dd,HH:mm:ss");

    private final FirmwareProfile profile;
    private final NetworkState network;
    private final ErrorForm errors;
    private final Host host;
    private boolean echo;

    GeneralCommands(FirmwareProfile profile, NetworkState network, ErrorForm errors, Host host) {
        this.profile = profile;
        this.network = network;
        this.errors = errors;
        this.host = host;
        this.echo = profile.at().echo();
    }

    /** Power-up: echo on again (the BC260Y branch of the AT layer sets it when it prints RDY). */
    void powerUp() {
        echo = profile.at().echo();
    }

    boolean echo() {
        return echo;
    }

    /** Whether this class answers the command (the others are the MIPL interpreter's or unknown). */
    static boolean knows(CommandHead h) {
        if (!h.isExtended()) {
            return true;
        }
        return EXTENDED.contains(h.name());
    }

    Outcome handle(CommandHead h, List<Param> params) {
        if (!h.isExtended()) {
            return basic(h);
        }
        Form f = h.form();
        var n = network.profile();
        return switch (h.name()) {
            case "+CMEE" -> cmee(f, params);
            case "+CGSN" -> cgsn(f, params);
            case "+CEREG" -> cereg(f, params);
            case "+CGPADDR" -> cgpaddr(f, params);
            case "+CFUN" -> cfun(f, params);
            case "+CGATT" -> cgatt(f, params);
            case "+CSCON" -> cscon(f, params);
            case "+CPSMS" -> cpsms(f, params);
            case "+CEDRXS" -> cedrxs(f, params);
            case "+CEDRXRDP" -> f == Form.EXEC ? Reply.ok("+CEDRXRDP: " + (network.edrxMode() == 0 ? "0"
                    : n.act() == 9 ? "5,\"" + network.edrxValue() + "\",\"" + network.edrxValue() + "\",\"0011\""
                    : "0")) : testOnly(f, h);
            case "+CSQ" -> f == Form.EXEC ? Reply.ok("+CSQ: " + (network.cfun() == 1 ? n.csq() : "99,99"))
                    : testOnly(f, h);
            case "+CESQ" -> f == Form.EXEC ? Reply.ok("+CESQ: " + (network.cfun() == 1 ? n.cesq()
                    : "99,99,255,255,255,255")) : testOnly(f, h);
            case "+CIMI" -> f == Form.EXEC ? Reply.ok(profile.identity().imsi()) : testOnly(f, h);
            case "+CGMI" -> f == Form.EXEC ? Reply.ok(profile.general().cgmi()) : testOnly(f, h);
            case "+CGMM" -> f == Form.EXEC ? Reply.ok(profile.identity().model()) : testOnly(f, h);
            case "+CGMR" -> f == Form.EXEC ? Reply.ok("Revision: " + revision()) : testOnly(f, h);
            case "+CPIN" -> f == Form.QUERY ? Reply.ok("+CPIN: " + profile.general().cpin()) : testOnly(f, h);
            case "+QCCID" -> f == Form.EXEC ? Reply.ok("+QCCID: " + profile.identity().iccid()) : testOnly(f, h);
            case "+QBAND" -> f == Form.QUERY ? Reply.ok("+QBAND: " + n.band()) : testOnly(f, h);
            case "+CCLK" -> f == Form.QUERY ? Reply.ok("+CCLK: \"" + clock() + "\"") : testOnly(f, h);
            case "+CGACT" -> f == Form.QUERY ? Reply.ok("+CGACT: " + n.pdnCid() + "," + (network.attached() ? 1 : 0))
                    : testOnly(f, h);
            case "+CGDCONT" -> f == Form.QUERY
                    ? Reply.ok("+CGDCONT: " + n.pdnCid() + ",\"IP\",\"" + n.apn() + "\",,0,0,,,,,0,0") : testOnly(f, h);
            case "+QENG" -> qeng(f, params);
            case "+QRST" -> qrst(f, params);
            default -> error();
        };
    }

    // ---------------------------------------------------------------- V.250 basic commands

    /** {@code AT}, {@code ATE0}/{@code ATE1}, {@code ATI}; ATZ, AT&W, AT&F are not in the XY1100 AT layer: ERROR. */
    private Outcome basic(CommandHead h) {
        if (h.form() != Form.EXEC) {
            return error();
        }
        switch (h.name()) {
            case "" -> {
                return Reply.ok();
            }
            case "E", "E0" -> {
                echo = false;
                return Reply.ok();
            }
            case "E1" -> {
                echo = true;
                return Reply.ok();
            }
            case "I", "I0" -> {
                var id = profile.identity();
                // 7.10.6: manufacturer, model, "Revision: <revision>", then OK
                return Reply.ok(id.manufacturer(), id.model(), "Revision: " + revision());
            }
            default -> {
                return h.name().matches("E\\d+") ? parameterError() : error();
            }
        }
    }

    private String revision() {
        String r = host.firmwareRevision();
        return r != null ? r : profile.identity().revision();
    }

    // ---------------------------------------------------------------- 27.007

    private Outcome cmee(Form form, List<Param> params) {
        return switch (form) {
            case QUERY -> Reply.ok("+CMEE: " + errors.cmee());
            case TEST -> test("AT+CMEE");
            case SET -> {
                OptionalLong n = single(params);
                if (n.isEmpty() || !in(n.getAsLong(), 0, 2)) {
                    yield parameterError();
                }
                errors.cmee((int) n.getAsLong());
                yield Reply.ok();
            }
            case EXEC -> parameterError();
        };
    }

    private Outcome cgsn(Form form, List<Param> params) {
        String imei = profile.identity().imei();
        return switch (form) {
            case EXEC -> Reply.ok(imei);
            case TEST -> test("AT+CGSN");
            case SET -> {
                OptionalLong snt = single(params);
                if (snt.isEmpty() || !in(snt.getAsLong(), 0, 3)) {
                    yield parameterError();
                }
                int s = (int) snt.getAsLong();
                // 27.007 7.1: 0 the serial number, 1 the IMEI, 2 the IMEISV, 3 the SVN
                String svn = "01";
                yield Reply.ok(switch (s) {
                    case 0 -> imei;
                    case 1 -> "+CGSN: " + imei;
                    case 2 -> "+CGSN: " + imei.substring(0, 14) + svn;
                    default -> "+CGSN: " + svn;
                });
            }
            case QUERY -> error();
        };
    }

    private Outcome cereg(Form form, List<Param> params) {
        return switch (form) {
            case QUERY -> Reply.ok("+CEREG: " + network.ceregMode() + "," + network.ceregFields());
            case TEST -> test("AT+CEREG");
            case SET -> {
                OptionalLong n = params.isEmpty() || (params.size() == 1 && params.get(0).value().isEmpty())
                        ? OptionalLong.of(0) : single(params);
                if (n.isEmpty() || !in(n.getAsLong(), 0, 5)) {
                    yield parameterError();
                }
                network.setCeregMode((int) n.getAsLong());
                yield Reply.ok();
            }
            case EXEC -> parameterError();
        };
    }

    private Outcome cgpaddr(Form form, List<Param> params) {
        var n = network.profile();
        OptionalLong cid = single(params);
        boolean known = form == Form.QUERY || form == Form.EXEC || (form == Form.SET && cid.isPresent());
        if (form == Form.TEST) {
            return Reply.ok(network.attached() ? "+CGPADDR: (" + n.pdnCid() + ")" : "+CGPADDR: ()");
        }
        if (!known) {
            return parameterError();
        }
        if (form == Form.SET && cid.getAsLong() != n.pdnCid()) {
            return Reply.ok();
        }
        // 7.1: +CGPADDR: 5,"10.177.135.245" once attached; nothing before
        return network.attached() ? Reply.ok("+CGPADDR: " + n.pdnCid() + ",\"" + n.ipAddress() + "\"") : Reply.ok();
    }

    /** XY1100 at_system_cmd.c: 0, 1 and 4 (4 is 0 kept over a restart, answered +CFUN: 4). */
    private Outcome cfun(Form form, List<Param> params) {
        return switch (form) {
            case QUERY -> Reply.ok("+CFUN: " + network.cfun());
            case TEST -> test("AT+CFUN");
            case SET -> {
                boolean good = !params.isEmpty() && params.size() <= 2 && params.get(0).integer().isPresent()
                        && (params.size() == 1 || params.get(1).integer().orElse(-1) == 0);
                long fun = good ? params.get(0).integer().getAsLong() : -1;
                if (fun != 0 && fun != 1 && fun != 4) {
                    yield parameterError();
                }
                network.setCfun((int) fun);
                yield Reply.ok();
            }
            case EXEC -> parameterError();
        };
    }

    private Outcome cgatt(Form form, List<Param> params) {
        return switch (form) {
            case QUERY -> Reply.ok("+CGATT: " + (network.attached() ? 1 : 0));
            case TEST -> test("AT+CGATT");
            case SET -> {
                OptionalLong n = single(params);
                if (n.isEmpty() || !in(n.getAsLong(), 0, 1)) {
                    yield parameterError();
                }
                if (n.getAsLong() == 1 && network.cfun() != 1) {
                    yield parameterError(); // no attach with the radio off
                }
                network.setAttach(n.getAsLong() == 1);
                yield Reply.ok();
            }
            case EXEC -> parameterError();
        };
    }

    private Outcome cscon(Form form, List<Param> params) {
        return switch (form) {
            case QUERY -> Reply.ok("+CSCON: " + network.csconMode() + "," + (network.rrcConnected() ? 1 : 0));
            case TEST -> test("AT+CSCON");
            case SET -> {
                OptionalLong n = single(params);
                if (n.isEmpty() || !in(n.getAsLong(), 0, 1)) {
                    yield parameterError();
                }
                network.setCsconMode((int) n.getAsLong());
                yield Reply.ok();
            }
            case EXEC -> parameterError();
        };
    }

    /** AT+CPSMS=<mode>[,,,<T3412>,<T3324>] (27.007 7.38); the values are 8 bits each. */
    private Outcome cpsms(Form form, List<Param> params) {
        return switch (form) {
            case QUERY -> Reply.ok("+CPSMS: " + network.psm());
            case TEST -> test("AT+CPSMS");
            case SET -> {
                OptionalLong mode = params.isEmpty() ? OptionalLong.empty() : params.get(0).integer();
                if (mode.isEmpty() || !in(mode.getAsLong(), 0, 2) || params.size() > 5) {
                    yield parameterError();
                }
                String tau = params.size() > 3 ? bits(params.get(3), 8) : null;
                String active = params.size() > 4 ? bits(params.get(4), 8) : null;
                if ((params.size() > 3 && tau == null) || (params.size() > 4 && active == null)) {
                    yield parameterError();
                }
                network.setPsm((int) mode.getAsLong(), tau, active);
                yield Reply.ok();
            }
            case EXEC -> parameterError();
        };
    }

    /** AT+CEDRXS=<mode>,<AcT>,<value> (27.007 7.40); AcT 5 (NB-S1) only, as the test form lists. */
    private Outcome cedrxs(Form form, List<Param> params) {
        return switch (form) {
            case QUERY -> network.edrxMode() == 0 ? Reply.ok() : Reply.ok("+CEDRXS: 5,\"" + network.edrxValue() + "\"");
            case TEST -> test("AT+CEDRXS");
            case SET -> {
                OptionalLong mode = params.isEmpty() ? OptionalLong.empty() : params.get(0).integer();
                boolean actOk = params.size() < 2 || params.get(1).integer().orElse(-1) == 5;
                String value = params.size() > 2 ? bits(params.get(2), 4) : null;
                if (mode.isEmpty() || !in(mode.getAsLong(), 0, 3) || !actOk || params.size() > 3
                        || (params.size() > 2 && value == null)) {
                    yield parameterError();
                }
                network.setEdrx((int) mode.getAsLong(), value);
                yield Reply.ok();
            }
            case EXEC -> parameterError();
        };
    }

    private Outcome qeng(Form form, List<Param> params) {
        return switch (form) {
            case TEST -> test("AT+QENG");
            case SET -> {
                OptionalLong n = single(params);
                if (n.isEmpty() || (n.getAsLong() != 0 && n.getAsLong() != 3)) {
                    yield parameterError();
                }
                yield n.getAsLong() == 0 ? Reply.ok("+QENG: " + network.profile().qeng()) : Reply.ok();
            }
            default -> parameterError();
        };
    }

    /** XY1100 at_system_cmd.c: {@code AT+QRST=1} prints OK, then the module restarts. */
    private Outcome qrst(Form form, List<Param> params) {
        return switch (form) {
            case TEST -> test("AT+QRST");
            case SET -> single(params).orElse(-1) == 1 ? Reply.ok().then(host::restart) : parameterError();
            default -> parameterError();
        };
    }

    // ---------------------------------------------------------------- helpers

    /** The host's clock in the profile's zone, as the write-up shows it ({@code 2023/12/14,09:01:13+32}). */
    private String clock() {
        String zone = network.profile().clockZone();
        int quarters = Integer.parseInt(zone.replace("+", ""));
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        return now.format(CCLK) + (quarters < 0 ? "-" : "+") + String.format("%02d", Math.abs(quarters));
    }

    private Outcome testOnly(Form form, CommandHead h) {
        if (form == Form.TEST) {
            return profile.testResponse("AT" + h.name()).<Outcome>map(Reply::ok).orElseGet(Reply::ok);
        }
        return parameterError();
    }

    private Outcome test(String command) {
        return profile.testResponse(command).<Outcome>map(Reply::ok).orElseGet(GeneralCommands::error);
    }

    /** A quoted or plain string of exactly {@code n} binary digits, or null. */
    private static String bits(Param p, int n) {
        String v = p.value();
        return v.matches("[01]{" + n + "}") ? v : null;
    }

    /** The error of a bad parameter in the form AT+CMEE selects ({@code +CME ERROR: 50}). */
    Reply parameterError() {
        return new Reply(List.of(), errors.parameter(), () -> {});
    }

    /** Plain ERROR: unknown commands. */
    static Reply error() {
        return new Reply(List.of(), "ERROR", () -> {});
    }

    private static OptionalLong single(List<Param> params) {
        return params.size() == 1 ? params.get(0).integer() : OptionalLong.empty();
    }

    private static boolean in(long v, long min, long max) {
        return v >= min && v <= max;
    }
}
