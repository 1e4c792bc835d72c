package org.miplhil.at;

import java.util.OptionalInt;

/**
 * A command that answers a platform request (3.3.9–3.3.14): the msgId of the request's URC and a
 * result code, which {@link #request()} decides the allowed values of ({@link ResultCode#allowedFor}).
 */
public interface MiplAnswer {

    int ref();

    /** The msgId of the URC being answered. */
    long msgId();

    int result();

    OptionalInt raiMode();

    /** The kind of request this command answers. */
    RequestType request();
}
