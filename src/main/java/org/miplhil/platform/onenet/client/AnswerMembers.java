package org.miplhil.platform.onenet.client;

/**
 * The member names of an API answer: the status number ({@code 0} = success), its text, and the data. The legacy
 * API's are {@code errno}, {@code error}, {@code data} (its documentation, every call). The current API's answer to
 * its {@code /nb-iot} calls is not established by any public source (docs/onenet.md): the names are configurable and
 * default to the legacy API's.
 */
public record AnswerMembers(String status, String text, String data) {

    /** {@code {errno, error, data}}. */
    public static final AnswerMembers LEGACY = new AnswerMembers("errno", "error", "data");

    /**
     * {@code {code, msg, data}}: the current API's device calls ({@code iot-api.heclouds.com/device/detail},
     * {@code /device/create}), whose public clients test {@code code == 0} and read {@code msg} (docs/evidence.md).
     */
    public static final AnswerMembers CURRENT_DEVICE = new AnswerMembers("code", "msg", "data");

    public AnswerMembers {
        for (String s : new String[] {status, text, data}) {
            if (s == null || s.isBlank()) {
                throw new IllegalArgumentException("answer member names must not be blank");
            }
        }
    }

    /** {@code errno,error,data} (three names, comma separated); null when it is not that. */
    public static AnswerMembers parse(String text) {
        if (text == null) {
            return null;
        }
        String[] parts = text.split(",", -1);
        if (parts.length != 3 || java.util.Arrays.stream(parts).anyMatch(p -> p.isBlank())) {
            return null;
        }
        return new AnswerMembers(parts[0].trim(), parts[1].trim(), parts[2].trim());
    }

    @Override
    public String toString() {
        return status + "," + text + "," + data;
    }
}
