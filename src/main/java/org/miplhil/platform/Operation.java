package org.miplhil.platform;

/** What the platform asked the device. */
public enum Operation {
    DISCOVER, READ, WRITE, EXECUTE, WRITE_ATTRIBUTES, OBSERVE, CANCEL_OBSERVATION
}
