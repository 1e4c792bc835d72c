package org.miplhil.report;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.miplhil.json.Json;

/** The run-level files of Allure's results directory: categories, environment, executor. */
public final class AllureFiles {

    private AllureFiles() {
    }

    /** An entry of categories.json, as Allure reads it. */
    record Category(String name, String description, List<String> matchedStatuses, String messageRegex) {
    }

    /** The Categories tab: one category per {@link FailureCategory}, matched by its marker. */
    public static String categoriesJson() {
        List<Category> items = new ArrayList<>();
        for (FailureCategory c : FailureCategory.values()) {
            items.add(new Category(c.title(), c.description(), List.of("failed", "broken"), messageRegex(c)));
        }
        return Json.writePretty(items);
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
    public static Optional<String> executorJson(Map<String, String> env) {
        String buildUrl = env.get("BUILD_URL");
        if (buildUrl == null || buildUrl.isBlank()) {
            return Optional.empty();
        }
        String base = buildUrl.endsWith("/") ? buildUrl : buildUrl + "/";
        String job = env.getOrDefault("JOB_NAME", "");
        String number = env.getOrDefault("BUILD_NUMBER", "");
        ObjectNode executor = Json.object().put("name", "Jenkins").put("type", "jenkins");
        if (env.get("JENKINS_URL") != null) {
            executor.put("url", env.get("JENKINS_URL"));
        }
        if (number.matches("\\d{1,18}")) {
            executor.put("buildOrder", Long.parseLong(number));
        }
        String name = env.getOrDefault("BUILD_DISPLAY_NAME", "");
        executor.put("buildName", (job + " " + (name.isBlank() ? "#" + number : name)).strip())
                .put("buildUrl", base)
                .put("reportUrl", base + "allure/")
                .put("reportName", "mipl-hil");
        return Optional.of(Json.writePretty(executor));
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
