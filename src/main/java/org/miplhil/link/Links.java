package org.miplhil.link;

import java.io.IOException;

/** Opens a link from its textual form (see {@link LinkSpec}). */
public final class Links {

    private Links() {
    }

    /**
     * Opens (but does not start) the link {@code spec} names.
     *
     * @throws IllegalArgumentException if the spec is malformed
     * @throws IOException              if the port or host cannot be reached
     */
    public static Link open(String spec) throws IOException {
        return open(LinkSpec.parse(spec));
    }

    public static Link open(LinkSpec spec) throws IOException {
        if (spec instanceof LinkSpec.Serial serial) {
            return SerialLink.open(serial.settings());
        }
        if (spec instanceof LinkSpec.Tcp tcp) {
            return TcpLink.connect(tcp.host(), tcp.port());
        }
        throw new IllegalArgumentException(((LinkSpec.Invalid) spec).message());
    }
}
