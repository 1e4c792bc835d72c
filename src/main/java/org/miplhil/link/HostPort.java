package org.miplhil.link;

/**
 * {@code HOST:PORT} or {@code [v6]:PORT} split in two, unchecked: each caller says which hosts and ports it takes.
 * Pure; never throws.
 *
 * @param host      the host, without brackets ({@code ""} when there is none)
 * @param port      the text after the colon ({@code ""} when there is none)
 * @param bracketed the host was written in brackets (an IPv6 literal)
 */
public record HostPort(String host, String port, boolean bracketed) {

    public static HostPort split(String text) {
        String s = text == null ? "" : text.trim();
        if (s.startsWith("[")) {
            int close = s.indexOf("]:");
            return close < 0 ? new HostPort("", "", true) : new HostPort(s.substring(1, close), s.substring(close + 2), true);
        }
        int colon = s.lastIndexOf(':');
        return new HostPort(colon < 0 ? s : s.substring(0, colon), colon < 0 ? "" : s.substring(colon + 1), false);
    }

    /** The port as a number when it is 1 to 5 digits and at most {@code max}; -1 otherwise. */
    public int portNumber(int min, int max) {
        if (!port.matches("\\d{1,5}")) {
            return -1;
        }
        int p = Integer.parseInt(port);
        return p >= min && p <= max ? p : -1;
    }
}
