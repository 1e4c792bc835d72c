package org.miplhil.suite;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every key the suite format knows, per kind of mapping. The loader reports any other key as unknown, and a test
 * checks that the JSON Schema ({@code suites/schema/suite.schema.json}) names the same keys.
 */
public final class SuiteKeys {

    public static final List<String> SUITE = List.of("suite", "description", "tags", "fixtures", "variables", "setup",
            "teardown", "cases");
    public static final List<String> FIXTURES = List.of("objects", "profile", "faults");
    public static final List<String> CASE = List.of("name", "tags", "variables", "steps");

    /** Keys of each kind of step; the first is the step's own key, which says what kind it is. */
    public static final Map<String, List<String>> STEPS;

    static {
        Map<String, List<String>> steps = new LinkedHashMap<>();
        steps.put("send", List.of("send", "expect", "lines", "within"));
        steps.put("expect-urc", List.of("expect-urc", "within", "since"));
        steps.put("expect-urcs", List.of("expect-urcs", "order", "within", "since"));
        steps.put("expect-no-urc", List.of("expect-no-urc", "during", "since"));
        steps.put("answer", List.of("answer", "within", "since", "after", "with", "expect"));
        steps.put("mcu", List.of("mcu", "for", "delay"));
        steps.put("platform", List.of("platform", "path", "as", "timeout", "value", "values", "mode", "args",
                "pmin", "pmax", "gt", "lt", "st"));
        steps.put("expect-platform", List.of("expect-platform", "to", "code", "path", "value", "values",
                "lifetime", "objects", "within", "since"));
        steps.put("wait", List.of("wait"));
        steps.put("sim-faults", List.of("sim-faults"));
        steps.put("power", List.of("power", "cut-at", "within", "after", "for"));
        STEPS = java.util.Collections.unmodifiableMap(steps);
    }

    /** The words a key takes when it takes one of a fixed set (the JSON Schema's enums say the same). */
    public static final Map<String, List<String>> WORDS = Map.of(
            "platform", List.of("discover", "observe", "cancel", "read", "write", "execute", "write-attributes"),
            "expect-platform", List.of("response", "notification", "registered", "updated", "deregistered"),
            "mcu", List.of("auto", "late", "never", "off"),
            "power", List.of("off", "on", "cycle"),
            "order", List.of("in-order", "any-order"),
            "since", List.of("last-action", "step-start"),
            "mode", List.of("replace", "partial"),
            "for", List.of("+MIPLDISCOVER", "+MIPLOBSERVE", "+MIPLREAD", "+MIPLWRITE", "+MIPLEXECUTE", "+MIPLPARAMETER"));

    private SuiteKeys() {}
}
