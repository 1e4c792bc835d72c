package org.miplhil.report;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a run is about; becomes Allure's environment.properties and the JUnit properties.
 *
 * @param target           {@code sim}, {@code serial:/dev/ttyUSB0@9600}, {@code tcp:host:port}
 * @param firmwareRevision the module's revision (ATI / AT+CGMR), or empty until known
 * @param profile          the firmware profile used, e.g. {@code fixtures/firmware/bc260y-cn.yaml}
 * @param plannedCases     how many cases the run will have (for progress), or 0 when unknown
 * @param extra            more key/value pairs for the environment (rack, tags expression, fault plan)
 */
public record RunInfo(String target, String firmwareRevision, String profile, int plannedCases,
                      Map<String, String> extra) {

    /** The key of {@link #extra} naming the module of a fleet the run is on (an Allure label, a JUnit property). */
    public static final String MODULE = "module";
    /** The key of {@link #extra} present when every module of a fleet runs the same cases ({@code --replicate}). */
    public static final String REPLICATED = "replicated";

    public RunInfo {
        target = target == null ? "" : target;
        firmwareRevision = firmwareRevision == null ? "" : firmwareRevision;
        profile = profile == null ? "" : profile;
        extra = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extra == null ? Map.of() : extra));
    }

    public static Builder builder() {
        return new Builder();
    }

    public RunInfo withFirmwareRevision(String revision) {
        return new RunInfo(target, revision, profile, plannedCases, extra);
    }

    public static final class Builder {
        private String target = "";
        private String firmwareRevision = "";
        private String profile = "";
        private int plannedCases;
        private final Map<String, String> extra = new LinkedHashMap<>();

        public Builder target(String target) {
            this.target = target;
            return this;
        }

        public Builder firmwareRevision(String firmwareRevision) {
            this.firmwareRevision = firmwareRevision;
            return this;
        }

        public Builder profile(String profile) {
            this.profile = profile;
            return this;
        }

        public Builder plannedCases(int plannedCases) {
            this.plannedCases = plannedCases;
            return this;
        }

        public Builder put(String key, String value) {
            extra.put(key, value == null ? "" : value);
            return this;
        }

        public RunInfo build() {
            return new RunInfo(target, firmwareRevision, profile, plannedCases, extra);
        }
    }
}
