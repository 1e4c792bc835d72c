package org.miplhil.container;

/** A container, an image or the Docker engine failed; the message says which and what Docker answered. */
public final class ContainerException extends Exception {

    public ContainerException(String message) {
        super(message);
    }

    public ContainerException(String message, Throwable cause) {
        super(message, cause);
    }
}
