package org.miplhil.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Keeps credentials out of reports: every registered secret value is replaced wherever it appears,
 * and parameters whose name says they are secret are masked whatever their value.
 */
public final class Redactor {

    public static final String MASK = "******";
    private static final Pattern SECRET_NAME =
            Pattern.compile(".*(psk|password|passwd|secret|token|api[-_]?key|apikey|auth[-_]?code|credential).*");

    private final List<String> secrets = new ArrayList<>();

    /** Registers a value that must never appear in a report (values shorter than 4 characters are ignored). */
    public synchronized void addSecret(String value) {
        if (value != null && value.length() >= 4 && !secrets.contains(value)) {
            secrets.add(value);
            secrets.sort(Comparator.comparingInt(String::length).reversed()); // longest first
        }
    }

    public synchronized String redact(String text) {
        if (text == null || text.isEmpty() || secrets.isEmpty()) {
            return text;
        }
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, MASK);
        }
        return out;
    }

    public static boolean isSecretName(String name) {
        return name != null && SECRET_NAME.matcher(name.toLowerCase(Locale.ROOT)).matches();
    }

    public Param redact(Param p) {
        return new Param(p.name(), isSecretName(p.name()) && !p.value().isEmpty() ? MASK : redact(p.value()));
    }

    public Failure redact(Failure f) {
        return f == null ? null : new Failure(f.category(), redact(f.message()), redact(f.trace()));
    }

    public Attachment redact(Attachment a) {
        String t = a.mediaType();
        if (t.startsWith("text/") || t.endsWith("json") || t.endsWith("xml")) {
            synchronized (this) {
                if (secrets.isEmpty()) {
                    return a;
                }
            }
            return new Attachment(a.name(), a.mediaType(), a.extension(),
                    redact(a.contentAsString()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return a;
    }
}
