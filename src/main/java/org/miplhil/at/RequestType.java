package org.miplhil.at;

/** The platform request a response command answers; decides which {@link ResultCode}s are allowed. */
public enum RequestType {
    DISCOVER, OBSERVE, READ, WRITE, EXECUTE, PARAMETER;

    /** READ / OBSERVE / DISCOVER succeed with 2.05 Content; the others with 2.04 Changed. */
    public boolean answersWithContent() {
        return this == DISCOVER || this == OBSERVE || this == READ;
    }
}
