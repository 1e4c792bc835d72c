package org.miplhil.platform.fota;

import java.time.Duration;
import java.time.Instant;

/**
 * One step of a campaign as the platform took it, for the report: {@code read /3/0/3 → "BC260YCNAAR01A03"},
 * {@code write /5/0/1}, {@code state 1 (DOWNLOADING)}, {@code execute /5/0/2}, {@code registered again}.
 *
 * @param at      when the step started
 * @param name    short name of the step ({@code read firmware version}, {@code send package}, ...)
 * @param detail  what came of it, one line
 * @param elapsed how long it took (zero for something observed rather than done)
 * @param ok      false when this step ended the campaign in failure
 */
public record FotaStep(Instant at, String name, String detail, Duration elapsed, boolean ok) {}
