package org.miplhil.at;

/**
 * 5.9 {@code +QIND: "FOTA","UPDATING",<percent>}. 7.10.6 prints {@code 0%,1,1}: whatever follows
 * the digits of the percentage is kept as {@link #tail} so the line formats back exactly.
 */
public record FotaUpdating(int percent, String tail) implements MiplUrc {

    public static final String START = "+QIND: \"FOTA\",\"UPDATING\",";

    public FotaUpdating {
        tail = tail == null ? "" : tail;
    }

    /** The documented form of 5.9, {@code …,"UPDATING",30}. */
    public FotaUpdating(int percent) {
        this(percent, "");
    }

    /** The form 7.10.6 prints, {@code …,"UPDATING",30%,1,1}. */
    public static FotaUpdating asPrinted(int percent) {
        return new FotaUpdating(percent, "%,1,1");
    }

    public String prefix() {
        return "+QIND";
    }

    public String format() {
        return START + percent + tail;
    }

    @Override
    public java.util.List<Violation> violations() {
        return new Checks().range(2, "percent", percent, new MiplRanges.Range(0, 100), "5.9").list();
    }
}
