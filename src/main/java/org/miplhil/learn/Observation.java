package org.miplhil.learn;

/**
 * What a probe saw for one profile key.
 *
 * @param key       the profile's path, e.g. {@code errors.create.twice}
 * @param value     the value as the profile would write it ({@code 653}, {@code true}, a line), or empty when the
 *                  module's answer cannot be written as this key's value (see {@code answer})
 * @param type      how the value is written
 * @param answer    the module's answer, as evidence: {@code AT+MIPLCREATE -> +CIS ERROR: 653}
 */
public record Observation(String key, String value, ValueType type, String answer) {

    /** Whether the answer gave a value the profile can hold (an error probe answered OK gives none). */
    public boolean representable() {
        return !value.isEmpty();
    }
}
