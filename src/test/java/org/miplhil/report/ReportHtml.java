package org.miplhil.report;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the data a single-file Allure report embeds ({@code d('data/...json','<base64>')}). */
final class ReportHtml {

    private static final Pattern DATA = Pattern.compile("d\\('((?:data|widgets)/[^']+\\.(?:json|csv))','([A-Za-z0-9+/=]*)'\\)");

    private ReportHtml() {
    }

    /** One embedded file, decoded. */
    static String embedded(String html, String path) {
        Matcher m = DATA.matcher(html);
        while (m.find()) {
            if (m.group(1).equals(path)) {
                return new String(Base64.getDecoder().decode(m.group(2)), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no " + path + " embedded in the report");
    }

    /** The route of a case in the Suites tab: {@code suites/<suite uid>/<case uid>/}. */
    @SuppressWarnings("unchecked")
    static String suitesRoute(String html, String caseName) throws Exception {
        Map<String, Object> root = AllureWriterTest.mapper().readValue(embedded(html, "data/suites.json"), Map.class);
        return find(root, caseName, "").orElseThrow(() -> new AssertionError("no case " + caseName + " in suites.json"));
    }

    @SuppressWarnings("unchecked")
    private static java.util.Optional<String> find(Map<String, Object> node, String name, String parentUid) {
        Object children = node.get("children");
        if (children == null) {
            return name.equals(node.get("name"))
                    ? java.util.Optional.of("suites/" + parentUid + "/" + node.get("uid") + "/") : java.util.Optional.empty();
        }
        for (Object c : (java.util.List<Object>) children) {
            var r = find((Map<String, Object>) c, name, String.valueOf(node.get("uid")));
            if (r.isPresent()) {
                return r;
            }
        }
        return java.util.Optional.empty();
    }

    static String embeddedText(String html) {
        StringBuilder b = new StringBuilder();
        Matcher m = DATA.matcher(html);
        while (m.find()) {
            b.append("== ").append(m.group(1)).append('\n')
                    .append(new String(Base64.getDecoder().decode(m.group(2)), StandardCharsets.UTF_8)).append('\n');
        }
        return b.toString();
    }
}
