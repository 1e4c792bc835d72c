package org.miplhil.dut;

/**
 * Told of every URC a {@link ModuleSession} journals, on the link's reader thread, in arrival order. Keep it short
 * and never send a command from it: the reader that would deliver the reply is the thread running it.
 */
@FunctionalInterface
public interface UrcListener {

    void onUrc(JournalEntry.Received urc);
}
