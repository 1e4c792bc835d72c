package org.miplhil.at;

import java.util.Optional;

/**
 * 3GPP TS 27.007 {@code +CEREG}: the EPS network registration status, read from the answer to {@code AT+CEREG?}
 * ({@code +CEREG: <n>,<stat>[,...]}) or from the unsolicited form ({@code +CEREG: <stat>[,...]}). Pure; a line
 * that is not one gives empty.
 *
 * @param stat 0 not registered, 1 registered (home), 2 searching, 3 denied, 4 unknown, 5 registered (roaming)
 */
public record NetworkRegistration(int stat) {

    public static final String PREFIX = "+CEREG";

    /** Registered, at home or roaming (7.1: the module can open a OneNET instance). */
    public boolean registered() {
        return stat == 1 || stat == 5;
    }

    /** The answer line of {@code AT+CEREG?}: {@code +CEREG: <n>,<stat>[,...]}. */
    public static Optional<NetworkRegistration> ofQueryAnswer(String line) {
        return field(line, 1);
    }

    /** The unsolicited line: {@code +CEREG: <stat>[,...]}. */
    public static Optional<NetworkRegistration> ofUrc(String line) {
        return field(line, 0);
    }

    /** Whether a URC may announce a change of the module's attachment: {@code +CEREG} or the address ({@code +IP}). */
    public static boolean announcesChange(String line) {
        return line.startsWith(PREFIX + ":") || line.startsWith(IpUrc.PREFIX);
    }

    private static Optional<NetworkRegistration> field(String line, int index) {
        if (line == null || !line.startsWith(PREFIX + ":")) {
            return Optional.empty();
        }
        String[] f = line.substring(PREFIX.length() + 1).strip().split(",", -1);
        if (f.length <= index) {
            return Optional.empty();
        }
        for (int i = 0; i <= index; i++) { // <n> (in the query's answer) and <stat>: small integers
            if (!f[i].strip().matches("[0-9]{1,2}")) {
                return Optional.empty();
            }
        }
        return Optional.of(new NetworkRegistration(Integer.parseInt(f[index].strip())));
    }
}
