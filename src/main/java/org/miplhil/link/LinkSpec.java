package org.miplhil.link;

/**
 * Where a module is, as written on a command line: {@code serial:/dev/ttyUSB0@115200}, {@code /dev/ttyUSB0}
 * (115200 baud) or {@code tcp:HOST:PORT} ({@code tcp:[::1]:2000} for IPv6). {@link #parse} never throws:
 * a bad spec comes back as {@link Invalid}.
 */
public sealed interface LinkSpec {

    record Serial(SerialSettings settings) implements LinkSpec {
    }

    record Tcp(String host, int port) implements LinkSpec {
    }

    record Invalid(String spec, String reason) implements LinkSpec {
        public String message() {
            return "invalid link '" + spec + "': " + reason
                    + " (expected serial:DEVICE[@BAUD], a device path, or tcp:HOST:PORT)";
        }
    }

    static LinkSpec parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return new Invalid(String.valueOf(spec), "empty");
        }
        String text = spec.strip();
        if (text.startsWith("tcp:")) {
            return parseTcp(spec, text.substring(4));
        }
        if (text.startsWith("serial:")) {
            return parseSerial(spec, text.substring(7));
        }
        if (text.startsWith("/") || text.startsWith("./") || text.startsWith("../") || text.matches("(?i)COM\\d+")) {
            return parseSerial(spec, text);
        }
        return new Invalid(spec, "unknown kind of link");
    }

    private static LinkSpec parseSerial(String spec, String rest) {
        int at = rest.lastIndexOf('@');
        String device = at < 0 ? rest : rest.substring(0, at);
        if (device.isBlank()) {
            return new Invalid(spec, "no device");
        }
        int baud = SerialSettings.DEFAULT_BAUD;
        if (at >= 0) {
            String digits = rest.substring(at + 1);
            if (!digits.matches("\\d{1,9}") || Integer.parseInt(digits) == 0) {
                return new Invalid(spec, "baud '" + digits + "' is not a positive number");
            }
            baud = Integer.parseInt(digits);
        }
        return new Serial(SerialSettings.of(device, baud));
    }

    private static LinkSpec parseTcp(String spec, String rest) {
        String host;
        String port;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0 || close + 1 >= rest.length() || rest.charAt(close + 1) != ':') {
                return new Invalid(spec, "expected tcp:[IPV6]:PORT");
            }
            host = rest.substring(1, close);
            port = rest.substring(close + 2);
        } else {
            int colon = rest.lastIndexOf(':');
            if (colon < 0) {
                return new Invalid(spec, "no port");
            }
            host = rest.substring(0, colon);
            port = rest.substring(colon + 1);
            if (host.indexOf(':') >= 0) {
                return new Invalid(spec, "an IPv6 address needs brackets: tcp:[ADDRESS]:PORT");
            }
        }
        if (host.isEmpty()) {
            return new Invalid(spec, "no host");
        }
        if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            return new Invalid(spec, "port '" + port + "' is not in 1..65535");
        }
        return new Tcp(host, Integer.parseInt(port));
    }
}
