package org.miplhil.at;

import java.util.Optional;

/**
 * Which URC a line is, by its prefix (table 4, plus the start-up and network lines of 7.1 / 7.10.6, 27.007, and the
 * sleep line of the chip's SDK).
 */
public enum UrcKind {
    MIPLDISCOVER("+MIPLDISCOVER:"),
    MIPLOBSERVE("+MIPLOBSERVE:"),
    MIPLREAD("+MIPLREAD:"),
    MIPLWRITE("+MIPLWRITE:"),
    MIPLEXECUTE("+MIPLEXECUTE:"),
    MIPLPARAMETER("+MIPLPARAMETER:"),
    MIPLEVENT("+MIPLEVENT:"),
    QIND("+QIND:"),
    RDY("RDY"),
    IP("+IP:"),
    CFUN("+CFUN:"),
    CEREG("+CEREG:"),
    /** {@code +CSCON: <mode>}: the RRC connection changed (27.007 10.1.30, AT+CSCON=1). */
    CSCON("+CSCON:"),
    /** {@code +CPIN: READY} at power-up (a real BC260Y-CN prints it after {@code +CFUN: 1}). */
    CPIN("+CPIN:"),
    /** Deep sleep entered or left: {@code +QNBIOTEVENT: "ENTER DEEPSLEEP"} / {@code "EXIT DEEPSLEEP"} (XY1100 SDK). */
    QNBIOTEVENT("+QNBIOTEVENT:"),
    /** A line no prefix matches, seen while no command was pending. */
    UNKNOWN("");

    private final String prefix;

    UrcKind(String prefix) {
        this.prefix = prefix;
    }

    /** The line prefix including the colon; {@code "RDY"} is a whole line. */
    public String prefix() {
        return prefix;
    }

    /** The command name an answer with this prefix would belong to: {@code "+CFUN"} for CFUN. */
    String commandName() {
        return prefix.endsWith(":") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }

    public static Optional<UrcKind> of(String line) {
        for (UrcKind k : values()) {
            if (k == UNKNOWN) {
                continue;
            }
            if (k == RDY ? line.equals("RDY") : line.startsWith(k.prefix)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
