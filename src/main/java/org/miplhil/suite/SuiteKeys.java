package org.miplhil.suite;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.miplhil.at.RequestType;

/**
 * Every key the suite format knows, per kind of mapping. The loader reports any other key as unknown, and a test
 * checks that the JSON Schema ({@code suites/schema/suite.schema.json}) names the same keys.
 */
public final class SuiteKeys {

    public static final List<String> SUITE = List.of("suite", "description", "tags", "fixtures", "variables", "setup",
            "teardown", "recover", "cases", "requires", "network");
    public static final List<String> FIXTURES = List.of("objects", "profile", "faults");
    public static final List<String> CASE = List.of("name", "tags", "variables", "steps", "requires", "network",
            "invariants");
    /** Keys of the map form of {@code network:} (the figures apply to both directions; uplink/downlink to one). */
    public static final List<String> NETWORK = org.miplhil.network.NetworkSpecs.KEYS;
    /** Keys of the mapping of a {@code fota} step. */
    public static final List<String> FOTA = List.of("started-by", "package", "version", "trigger", "step-timeout",
            "phase-timeout", "within");

    /** Keys of each kind of step; the first is the step's own key, which says what kind it is. */
    public static final Map<String, List<String>> STEPS;

    static {
        Map<String, List<String>> steps = new LinkedHashMap<>();
        steps.put("send", List.of("send", "expect", "lines", "within", "urcs-before"));
        steps.put("expect-urc", List.of("expect-urc", "within", "since"));
        steps.put("expect-urcs", List.of("expect-urcs", "order", "within", "since"));
        steps.put("expect-no-urc", List.of("expect-no-urc", "during", "since"));
        steps.put("answer", List.of("answer", "within", "since", "after", "with", "expect"));
        steps.put("mcu", List.of("mcu", "for", "delay"));
        steps.put("platform", List.of("platform", "path", "as", "timeout", "value", "values", "mode", "args",
                "pmin", "pmax", "gt", "lt", "st"));
        steps.put("expect-platform", List.of("expect-platform", "to", "code", "path", "value", "values",
                "lifetime", "objects", "within", "since", "count"));
        steps.put("wait", List.of("wait"));
        steps.put("sim-faults", List.of("sim-faults"));
        steps.put("power", List.of("power", "cut-at", "within", "after", "for", "recover", "ready-within"));
        steps.put("fota", List.of("fota"));
        steps.put("expect-fota", List.of("expect-fota", "within", "version", "result", "phase", "steps"));
        steps.put("sleep", List.of("sleep", "within"));
        steps.put("wake", List.of("wake", "within"));
        steps.put("state", List.of("state", "objects", "config", "bootstrap", "data-format", "auto-update",
                "lifetime", "open-timeout", "within", "cmee", "delete-first"));
        steps.put("network", List.of("network"));
        STEPS = java.util.Collections.unmodifiableMap(steps);
    }

    /** The words a key takes when it takes one of a fixed set (the JSON Schema's enums say the same). */
    public static final Map<String, List<String>> WORDS = Map.ofEntries(
            Map.entry("platform", List.of("discover", "observe", "cancel", "read", "write", "execute", "write-attributes")),
            Map.entry("expect-platform", List.of("response", "notification", "registered", "updated", "deregistered")),
            Map.entry("mcu", List.of("auto", "late", "never", "off")),
            Map.entry("power", List.of("off", "on", "cycle")),
            Map.entry("sleep", List.of("light", "deep")),
            Map.entry("wake", List.of("psm-eint")),
            Map.entry("recover", List.of("none", "ready", "setup")),
            Map.entry("trigger", List.of("now", "next-uplink")),
            Map.entry("started-by", List.of("platform", "console")),
            Map.entry("expect-fota", List.of("succeeded", "failed", "timed-out")),
            Map.entry("order", List.of("in-order", "any-order")),
            Map.entry("state", List.of("off", "powered", "attached", "configured", "created", "registered")),
            Map.entry("since", List.of("last-action", "step-start")),
            Map.entry("mode", List.of("replace", "partial")),
            Map.entry("for", Arrays.stream(RequestType.values()).map(RequestType::urcPrefix).toList()));

    private SuiteKeys() {}
}
