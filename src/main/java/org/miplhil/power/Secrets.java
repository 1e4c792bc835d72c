package org.miplhil.power;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * The credential values a switch uses, and {@link #mask} that replaces them — raw, URL-encoded and inside a
 * Basic authorization — by {@code ***} in any text before it reaches a message or a log.
 */
final class Secrets {

    static final String MASK = "***";

    private final List<String> forms = new ArrayList<>();

    static Secrets none() {
        return new Secrets();
    }

    static Secrets of(String user, String password) {
        Secrets s = new Secrets();
        s.add(password);
        s.add(user);
        if (user != null && password != null) {
            s.add(Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        s.forms.sort(Comparator.comparingInt(String::length).reversed());
        return s;
    }

    private void add(String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        forms.add(value);
        String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
        if (!encoded.equals(value)) {
            forms.add(encoded);
            forms.add(encoded.replace("+", "%20"));
        }
    }

    String mask(String text) {
        if (text == null) {
            return "";
        }
        String out = text;
        for (String f : forms) {
            out = out.replace(f, MASK);
        }
        return out;
    }
}
