package org.miplhil.at;

/** The platform request a response command answers; decides which {@link ResultCode}s are allowed. */
public enum RequestType {
    DISCOVER(MiplDiscover.PREFIX), OBSERVE(MiplObserve.PREFIX), READ(MiplRead.PREFIX), WRITE(MiplWrite.PREFIX),
    EXECUTE(MiplExecute.PREFIX), PARAMETER(MiplParameter.PREFIX);

    private final String urcPrefix;

    RequestType(String urcPrefix) {
        this.urcPrefix = urcPrefix;
    }

    /** The prefix of the URC that carries this kind of request (5.1 - 5.6), e.g. {@code +MIPLREAD}. */
    public String urcPrefix() {
        return urcPrefix;
    }

    /** The kind of request a URC prefix names; empty for any other text. */
    public static java.util.Optional<RequestType> ofUrcPrefix(String prefix) {
        for (RequestType t : values()) {
            if (t.urcPrefix.equals(prefix)) {
                return java.util.Optional.of(t);
            }
        }
        return java.util.Optional.empty();
    }

    /** READ / OBSERVE / DISCOVER succeed with 2.05 Content; the others with 2.04 Changed. */
    public boolean answersWithContent() {
        return this == DISCOVER || this == OBSERVE || this == READ;
    }
}
