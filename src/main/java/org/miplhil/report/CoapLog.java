package org.miplhil.report;

import java.util.Locale;

/** The platform's CoAP requests and responses of a case, as CSV, from the PLATFORM lane of its timeline. */
public final class CoapLog {

    private CoapLog() {
    }

    public static boolean hasEntries(Timeline t) {
        return !t.events(Lane.PLATFORM).isEmpty();
    }

    public static String csv(Timeline t) {
        StringBuilder b = new StringBuilder("offset_ms,direction,message,detail\n");
        for (TimelineEvent e : t.events(Lane.PLATFORM)) {
            b.append(String.format(Locale.ROOT, "%.3f", e.offsetMillis())).append(',')
                    .append(e.kind() == EventKind.COAP_REQUEST ? "request" : "response").append(',')
                    .append(Csv.field(e.text())).append(',').append(Csv.field(e.detail())).append('\n');
        }
        return b.toString();
    }
}
