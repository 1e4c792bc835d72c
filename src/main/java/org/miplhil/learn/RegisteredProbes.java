package org.miplhil.learn;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.miplhil.dut.Reply;

/**
 * Probes that need the module registered with the platform (docs/profile-learn.md): the codes of the mistakes only a
 * registered module can be shown (an open while registered, an update's lifetime), and what the platform sees of
 * the registration (the endpoint name) or the module shows after it (the configuration query). The mistakes are
 * made as suites/catalogue/commands-open-close-update.yaml makes them.
 */
public final class RegisteredProbes {

    private RegisteredProbes() {
    }

    public static List<Probe> all() {
        List<Probe> p = new ArrayList<>();
        p.add(new ScenarioProbe("registered", List.of("mipl.endpoint-name", "mipl.config-query-quotes-ip",
                "errors.open.already-registered", "errors.update.lifetime-range"),
                ScenarioProbe.Start.REGISTERED, RegisteredProbes::registered));
        return p;
    }

    /** What a registration shows: the endpoint, the query of the configuration sent, two refused commands. */
    private static List<Observation> registered(ProbeContext ctx) throws ProbeFailed {
        List<Observation> seen = new ArrayList<>();
        Registration.Registered r = ctx.registered();
        String imei = ctx.registration().imei();
        String imsi = ctx.registration().imsi();
        seen.add(new Observation("mipl.endpoint-name", endpointTemplate(r.endpoint(), imei, imsi), ValueType.TEXT,
                "the platform saw endpoint " + r.endpoint() + " (IMEI " + imei + ", IMSI " + imsi + ")"));
        Reply q = ctx.send("AT+MIPLCONFIG?");
        seen.add(new Observation("mipl.config-query-quotes-ip", quotesIp(q, ctx.registration().target().config()
                .flatMap(c -> c.ip()).orElse("")).orElse(""), ValueType.BOOLEAN, ProbeContext.answer(q)));
        // 3.3.7: an open while registered
        seen.add(ProbeContext.error("open.already-registered", ctx.send("AT+MIPLOPEN=0,86400,30")));
        // 3.3.16: lifetime 15..268435455 or 0, as the open's
        seen.add(ProbeContext.error("update.lifetime-range", ctx.send("AT+MIPLUPDATE=0,14,0")));
        return seen;
    }

    /**
     * The endpoint name as the profile's template writes it: the module's IMEI and IMSI replaced by
     * {@code ${imei}} and {@code ${imsi}} ({@code 866971050123456;460041234567890} → {@code ${imei};${imsi}}).
     */
    static String endpointTemplate(String endpoint, String imei, String imsi) {
        String t = endpoint;
        if (!imei.isEmpty()) {
            t = t.replace(imei, "${imei}");
        }
        if (!imsi.isEmpty()) {
            t = t.replace(imsi, "${imsi}");
        }
        return t;
    }

    /** Whether {@code AT+MIPLCONFIG?} prints the configured address in quotes; empty when it does not print it. */
    static Optional<String> quotesIp(Reply r, String ip) {
        if (!r.isOk() || ip.isEmpty()) {
            return Optional.empty();
        }
        return r.line("+MIPLCONFIG:").flatMap(l -> {
            if (l.contains("\"" + ip + "\"")) {
                return Optional.of("true");
            }
            return l.contains(ip) ? Optional.of("false") : Optional.empty();
        });
    }
}
