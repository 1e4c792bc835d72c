package org.miplhil.sim.registrar;

import org.miplhil.at.ValueType;

/**
 * One resource value the MCU gave in AT+MIPLNOTIFY or AT+MIPLREADRSP, as written on the command line:
 * {@code value} is the text without quotes (hex digits for {@link ValueType#HEX}).
 */
public record ResourceValue(int objId, int insId, int resId, ValueType valueType, int len, String value) {}
