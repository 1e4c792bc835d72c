package org.miplhil.network;

import java.net.InetSocketAddress;
import java.util.Optional;

import org.miplhil.link.HostPort;

/**
 * One relayed port: datagrams to {@code listen} go on to {@code target}, answers come back from {@code listen}.
 *
 * @param listen the relay's own address and port (port 0: any free port)
 * @param target where the relay sends them, by name: a name is resolved when a client's first datagram arrives
 */
public record Route(InetSocketAddress listen, InetSocketAddress target) {

    /** {@code 0.0.0.0:5683=platform:5683}; empty with the reason in {@code problem} when it is not that. */
    public static Optional<Route> parse(String text, StringBuilder problem) {
        String t = text == null ? "" : text.trim();
        int eq = t.indexOf('=');
        if (eq < 0) {
            problem.append("a route is LISTEN-HOST:PORT=TARGET-HOST:PORT, found '").append(t).append("'");
            return Optional.empty();
        }
        Optional<InetSocketAddress> listen = address(t.substring(0, eq), 0, "listen", problem);
        Optional<InetSocketAddress> target = listen.isEmpty() ? Optional.empty()
                : address(t.substring(eq + 1), 1, "target", problem);
        return target.map(to -> new Route(listen.get(), to));
    }

    /** {@code HOST:PORT}, the host kept as a name (unresolved); empty with the reason in {@code problem}. */
    public static Optional<InetSocketAddress> address(String text, int minPort, String what, StringBuilder problem) {
        HostPort hp = HostPort.split(text);
        int port = hp.portNumber(minPort, 65535);
        if (hp.host().isEmpty() || port < 0) {
            problem.append("the ").append(what).append(" address must be HOST:PORT (port ").append(minPort)
                    .append("..65535), found '").append(text == null ? "" : text.trim()).append("'");
            return Optional.empty();
        }
        return Optional.of(InetSocketAddress.createUnresolved(hp.host(), port));
    }

    @Override
    public String toString() {
        return show(listen) + "=" + show(target);
    }

    static String show(InetSocketAddress a) {
        String host = a.isUnresolved() || a.getAddress() == null ? a.getHostString()
                : a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
