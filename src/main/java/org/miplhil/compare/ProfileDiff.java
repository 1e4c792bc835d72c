package org.miplhil.compare;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import org.miplhil.compare.Comparison.ProfileChange;

/**
 * The two runs' profile copies ({@code profile.yaml} in each report directory), key by key: a profile entry
 * {@code {value, source, note}} is one key with its value and source; the note is left out.
 */
final class ProfileDiff {

    private ProfileDiff() {
    }

    static List<ProfileChange> of(RunResults baseline, RunResults candidate) {
        Map<String, String[]> b = flatten(read(baseline));
        Map<String, String[]> c = flatten(read(candidate));
        List<ProfileChange> out = new ArrayList<>();
        if (b.isEmpty() || c.isEmpty()) {
            return out; // a run without a profile copy (a real module without --profile): nothing to compare
        }
        TreeSet<String> keys = new TreeSet<>(b.keySet());
        keys.addAll(c.keySet());
        for (String k : keys) {
            String[] x = b.getOrDefault(k, new String[] {"", ""});
            String[] y = c.getOrDefault(k, new String[] {"", ""});
            if (!x[0].equals(y[0]) || !x[1].equals(y[1])) {
                out.add(new ProfileChange(k, x[0], x[1], y[0], y[1]));
            }
        }
        return out;
    }

    private static Object read(RunResults run) {
        String copy = run.runs().stream().map(RunRecord::profileCopy).filter(s -> !s.isEmpty()).findFirst()
                .orElse("profile.yaml");
        if (copy.contains("/") || copy.contains("\\") || copy.contains("..")) {
            return null;
        }
        Path file = run.dir().resolve(copy);
        Object loaded = load(file);
        // a copy that extends another profile (bc260y-cn-strict.yaml): its base, next to the profile the run named
        String named = run.runs().stream().map(RunRecord::profile).filter(s -> !s.isEmpty()).findFirst().orElse("");
        Path dir = named.isEmpty() ? null : Path.of(named).toAbsolutePath().getParent();
        for (int depth = 0; depth < 4 && dir != null && loaded instanceof Map<?, ?> m
                && m.get("extends") instanceof String base; depth++) {
            Path baseFile = dir.resolve(base);
            Object parent = load(baseFile);
            if (!(parent instanceof Map<?, ?> p)) {
                break;
            }
            loaded = merged(p, m);
            dir = baseFile.getParent();
        }
        return loaded;
    }

    private static Object load(Path file) {
        try {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(10);
            return new Yaml(new SafeConstructor(options)).load(Files.readString(file, StandardCharsets.UTF_8));
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    /** The base's sections, each key the child writes replacing the base's (as the profile loader reads extends). */
    private static Map<Object, Object> merged(Map<?, ?> base, Map<?, ?> child) {
        Map<Object, Object> out = new java.util.LinkedHashMap<>(base);
        out.remove("extends");
        for (Map.Entry<?, ?> e : child.entrySet()) {
            if (e.getKey().equals("extends")) {
                out.put("extends", base.get("extends"));
                continue;
            }
            if (out.get(e.getKey()) instanceof Map<?, ?> section && e.getValue() instanceof Map<?, ?> keys) {
                Map<Object, Object> both = new java.util.LinkedHashMap<>(section);
                both.putAll(keys);
                out.put(e.getKey(), both);
            } else {
                out.put(e.getKey(), e.getValue());
            }
        }
        if (out.get("extends") == null) {
            out.remove("extends");
        }
        return out;
    }

    static Map<String, String[]> flatten(Object root) {
        Map<String, String[]> out = new TreeMap<>();
        walk("", root, out, 0);
        return out;
    }

    private static void walk(String path, Object node, Map<String, String[]> out, int depth) {
        if (depth > 32) {
            return;
        }
        if (node instanceof Map<?, ?> m) {
            if (m.containsKey("value") && (m.containsKey("source") || m.containsKey("note"))) {
                out.put(path, new String[] {Objects.toString(m.get("value"), ""), Objects.toString(m.get("source"),
                        "")});
                return;
            }
            for (Map.Entry<?, ?> e : m.entrySet()) {
                walk(path.isEmpty() ? String.valueOf(e.getKey()) : path + "." + e.getKey(), e.getValue(), out,
                        depth + 1);
            }
        } else if (node != null && !path.isEmpty()) {
            out.put(path, new String[] {node.toString(), ""});
        }
    }
}
