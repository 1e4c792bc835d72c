package org.miplhil.at;

/** The platform request a response command answers; decides which {@link ResultCode}s are allowed. */
public enum RequestType {
    DISCOVER(MiplDiscover.PREFIX, MiplDiscover.SYNTAX), OBSERVE(MiplObserve.PREFIX, MiplObserve.SYNTAX),
    READ(MiplRead.PREFIX, MiplRead.SYNTAX), WRITE(MiplWrite.PREFIX, MiplWrite.SYNTAX),
    EXECUTE(MiplExecute.PREFIX, MiplExecute.SYNTAX), PARAMETER(MiplParameter.PREFIX, MiplParameter.SYNTAX);

    private final String urcPrefix;
    private final String syntax;

    RequestType(String urcPrefix, String syntax) {
        this.urcPrefix = urcPrefix;
        this.syntax = syntax;
    }

    /** The URC's fields as table 4 writes them, e.g. {@code <ref>,<msgId>,<objId>} for +MIPLDISCOVER. */
    public String syntax() {
        return syntax;
    }

    /** The names of the URC's fields in order ({@code ref}, {@code msgId}, ...), optional ones included. */
    public java.util.List<String> fields() {
        return fieldNames(syntax);
    }

    /** The names in a syntax text such as {@code <ref>,<evtId>[,<extend>[,<ackId>]]}, in order. */
    public static java.util.List<String> fieldNames(String syntax) {
        java.util.List<String> out = new java.util.ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<([A-Za-z_]+)>").matcher(syntax);
        while (m.find()) {
            out.add(m.group(1));
        }
        return java.util.List.copyOf(out);
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
