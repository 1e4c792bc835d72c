package org.miplhil.learn;

/** How a learnt value is written in the profile: an integer or a boolean plain, a duration plain, text quoted. */
public enum ValueType {
    INTEGER, BOOLEAN, DURATION, TEXT
}
