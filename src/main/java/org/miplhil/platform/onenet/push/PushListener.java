package org.miplhil.platform.onenet.push;

/** Receives what OneNET pushes, after its signature was verified; refused messages are reported, never used. */
public interface PushListener {

    /** A verified message, in order of arrival (a batch in its order). */
    void onMessage(PushMessage message);

    /** A request that was refused (bad signature, undecryptable, not JSON): why, without any secret. */
    default void onRefused(String reason) {
    }
}
