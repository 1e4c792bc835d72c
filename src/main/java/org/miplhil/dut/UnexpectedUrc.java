package org.miplhil.dut;

/** A URC that must not come did (expectNone), or came too late to count (arrived after its deadline). */
public final class UnexpectedUrc extends AssertionError {

    private final transient JournalEntry.Received urc;

    UnexpectedUrc(JournalEntry.Received urc, String message) {
        super(message);
        this.urc = urc;
    }

    public JournalEntry.Received urc() {
        return urc;
    }
}
