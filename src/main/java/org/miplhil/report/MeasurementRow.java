package org.miplhil.report;

/** A measurement with the path of the step it was taken in ({@code open > wait for registration}). */
public record MeasurementRow(String stepPath, Measurement measurement) {
}
