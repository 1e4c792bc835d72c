package org.miplhil.compare;

/** A measurement of a recorded case; {@code value} null when the awaited thing never came. */
public record MeasurementRecord(String name, Double value, Double low, Double high, String unit, String step) {
}
