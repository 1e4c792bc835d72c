package org.miplhil.platform.onenet;

import java.net.URI;

/**
 * The two generations of OneNET's application API for LwM2M ("NB-IoT") devices. Facts: docs/onenet.md.
 */
public enum OneNetApi {
    /** {@code api.heclouds.com}: {@code api-key} header, {@code /nbiot…} and {@code /devices…}, {@code {errno, error, data}}. */
    LEGACY("legacy", URI.create("http://api.heclouds.com")),
    /** {@code iot-api.heclouds.com}: {@code authorization} token header, {@code /nb-iot…} and {@code /device/…}. */
    CURRENT("current", URI.create("https://iot-api.heclouds.com"));

    private final String word;
    private final URI defaultBase;

    OneNetApi(String word, URI defaultBase) {
        this.word = word;
        this.defaultBase = defaultBase;
    }

    /** {@code legacy} or {@code current}: the word of {@code --onenet-api}. */
    public String word() {
        return word;
    }

    /** OneNET's own address for this API. */
    public URI defaultBase() {
        return defaultBase;
    }

    /** The API named {@code word} ({@code legacy} or {@code current}, any case); null for anything else. */
    public static OneNetApi ofWord(String word) {
        for (OneNetApi a : values()) {
            if (a.word.equalsIgnoreCase(word == null ? "" : word.trim())) {
                return a;
            }
        }
        return null;
    }
}
