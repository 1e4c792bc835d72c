package org.miplhil.report;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The run-level files of Allure's results directory: categories, environment, executor. */
public final class AllureFiles {

    private AllureFiles() {
    }

    /** The Categories tab: one category per {@link FailureCategory}, matched by its marker. */
    public static String categoriesJson() {
        List<String> items = new ArrayList<>();
        for (FailureCategory c : FailureCategory.values()) {
            items.add("  {\"name\": " + Json.quote(c.title()) + ",\n"
                    + "   \"description\": " + Json.quote(c.description()) + ",\n"
                    + "   \"matchedStatuses\": [\"failed\", \"broken\"],\n"
                    + "   \"messageRegex\": " + Json.quote(messageRegex(c)) + "}");
        }
        return "[\n" + String.join(",\n", items) + "\n]\n";
    }

    /** Allure matches the whole message (DOTALL): the marker, then anything. */
    static String messageRegex(FailureCategory c) {
        return "\\s*\\[" + c.name() + "\\].*";
    }

    /** The Environment widget: target, firmware revision, profile, java, host, and the run's extras. */
    public static Map<String, String> environment(RunInfo run) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("target", orUnknown(run.target()));
        env.put("firmware.revision", orUnknown(run.firmwareRevision()));
        env.put("profile", orUnknown(run.profile()));
        env.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        env.put("host", hostName());
        run.extra().forEach(env::put);
        return env;
    }

    /** environment.properties in the format java.util.Properties reads (ISO-8859-1 with unicode escapes). */
    public static String environmentProperties(RunInfo run) {
        StringBuilder b = new StringBuilder("# mipl-hil run environment\n");
        environment(run).forEach((k, v) -> b.append(propertyEscape(k, true)).append('=')
                .append(propertyEscape(v, false)).append('\n'));
        return b.toString();
    }

    static String propertyEscape(String s, boolean key) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '=', ':', '#', '!' -> b.append('\\').append(c);
                case ' ' -> b.append(key || i == 0 ? "\\ " : " ");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /**
     * executor.json for a build on Jenkins ({@code BUILD_URL} set), so the report links back to the
     * build and its trend widgets order builds; empty when not on Jenkins.
     */
    public static java.util.Optional<String> executorJson(Map<String, String> env) {
        String buildUrl = env.get("BUILD_URL");
        if (buildUrl == null || buildUrl.isBlank()) {
            return java.util.Optional.empty();
        }
        String base = buildUrl.endsWith("/") ? buildUrl : buildUrl + "/";
        String job = env.getOrDefault("JOB_NAME", "");
        String number = env.getOrDefault("BUILD_NUMBER", "");
        StringBuilder b = new StringBuilder("{\n");
        b.append("  \"name\": \"Jenkins\",\n  \"type\": \"jenkins\",\n");
        if (env.get("JENKINS_URL") != null) {
            b.append("  \"url\": ").append(Json.quote(env.get("JENKINS_URL"))).append(",\n");
        }
        if (number.matches("\\d{1,18}")) {
            b.append("  \"buildOrder\": ").append(number).append(",\n");
        }
        String name = env.getOrDefault("BUILD_DISPLAY_NAME", "");
        b.append("  \"buildName\": ").append(Json.quote((job + " " + (name.isBlank() ? "#" + number : name)).strip()))
                .append(",\n");
        b.append("  \"buildUrl\": ").append(Json.quote(base)).append(",\n");
        b.append("  \"reportUrl\": ").append(Json.quote(base + "allure/")).append(",\n");
        b.append("  \"reportName\": \"mipl-hil\"\n}\n");
        return java.util.Optional.of(b.toString());
    }

    private static String orUnknown(String s) {
        return s == null || s.isBlank() ? "unknown" : s;
    }

    static String hostName() {
        String h = System.getenv("HOSTNAME");
        if (h != null && !h.isBlank()) {
            return h;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
