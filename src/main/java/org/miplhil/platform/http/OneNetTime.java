package org.miplhil.platform.http;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * OneNET's times: Beijing time ("北京时间", list/2check-a-device.md); parameters as {@code 2018-03-08T17:30:00}
 * (list/9cache-read-dev-res.md), answers as {@code 2017-08-28 11:34:58} (list/12…, list/13…). Pure.
 */
final class OneNetTime {

    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter ANSWER = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** A data point's {@code at} (list/21check-datapoint.md example: {@code 2015-12-01 17:10:24.981}). */
    private static final DateTimeFormatter POINT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final DateTimeFormatter PARAMETER = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private OneNetTime() {
    }

    static String format(Instant t) {
        return ANSWER.format(LocalDateTime.ofInstant(t, BEIJING));
    }

    /** A data point's {@code at}, to the millisecond. */
    static String point(Instant t) {
        return POINT.format(LocalDateTime.ofInstant(t, BEIJING));
    }

    /** A parameter's time, {@code 2018-03-08T17:30:00} (also accepted with a space for the 'T'). */
    static Optional<Instant> parse(String text) {
        if (text == null || text.length() != 19) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(text.replace(' ', 'T'), PARAMETER).atZone(BEIJING).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** {@code t} as a parameter. */
    static String parameter(Instant t) {
        return PARAMETER.format(LocalDateTime.ofInstant(t, BEIJING));
    }
}
