package org.miplhil.at;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The note's misspellings of command and URC names, mapped to the canonical names of table 1.
 * Parsers accept canonical names only; this is for replaying the note's own text.
 */
public final class MiplNames {

    private static final Map<String, String> SLIPS = Map.ofEntries(
            Map.entry("MIPLOBSEVE", "MIPLOBSERVE"),
            Map.entry("MIPLOBSEIVE", "MIPLOBSERVE"),
            Map.entry("MIPLOBSEVER", "MIPLOBSERVE"),
            Map.entry("MIPLOBERVE", "MIPLOBSERVE"),
            Map.entry("MIPLOBSEVERSP", "MIPLOBSERVERSP"),
            Map.entry("MIPLOBSEIVERSP", "MIPLOBSERVERSP"),
            Map.entry("MIPLOBERVERSP", "MIPLOBSERVERSP"),
            Map.entry("MIPLDISCOVERERRSP", "MIPLDISCOVERRSP"),
            Map.entry("MIPLPARAMETERSP", "MIPLPARAMETERRSP"),
            Map.entry("MIPLPARAMETERESP", "MIPLPARAMETERRSP"),
            Map.entry("MIPREAD", "MIPLREAD"),
            Map.entry("QSCCLK", "QSCLK"));

    /** The name right after {@code AT+} / {@code at+} / {@code +} at the start of a line. */
    private static final Pattern LEADING_NAME = Pattern.compile("^((?:AT|at)?\\+)([A-Za-z]+)");

    private MiplNames() {}

    /** A single name, with or without {@code +}: {@code "MIPLOBSEVER"} → {@code "MIPLOBSERVE"}; other names unchanged. */
    public static String canonical(String name) {
        if (name == null) {
            return null;
        }
        String prefix = name.startsWith("+") ? "+" : "";
        String bare = name.substring(prefix.length());
        String fixed = SLIPS.get(bare.toUpperCase(Locale.ROOT));
        return fixed == null ? name : prefix + fixed;
    }

    /** A whole line whose leading command or URC name may be misspelt: {@code "+MIPLOBSEVER: 0,…"} → {@code "+MIPLOBSERVE: 0,…"}. */
    public static String canonicalLine(String line) {
        if (line == null) {
            return null;
        }
        Matcher m = LEADING_NAME.matcher(line);
        if (!m.find()) {
            return line;
        }
        String fixed = SLIPS.get(m.group(2).toUpperCase(Locale.ROOT));
        return fixed == null ? line : m.group(1) + fixed + line.substring(m.end());
    }

    /** Whether the name is one of the note's known slips. */
    public static boolean isSlip(String name) {
        return name != null && SLIPS.containsKey(name.replaceFirst("^\\+", "").toUpperCase(Locale.ROOT));
    }
}
