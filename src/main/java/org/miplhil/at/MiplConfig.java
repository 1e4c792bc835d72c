package org.miplhil.at;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * 3.3.1 {@code AT+MIPLCONFIG=<mode>,<recv_data_format>[,<bsMode>,<ip>,<port>[,<auto_update>]]}.
 * bsMode, ip and port come together or not at all.
 */
public record MiplConfig(int mode, int recvDataFormat, OptionalInt bsMode, Optional<String> ip,
                         OptionalInt port, OptionalInt autoUpdate) implements MiplCommand {

    public static final MiplCommandName NAME = MiplCommandName.MIPLCONFIG;
    static final String SYNTAX = "<mode>,<recv_data_format>[,<bsMode>,<ip>,<port>[,<auto_update>]]";

    public MiplConfig {
        java.util.Objects.requireNonNull(bsMode, "bsMode");
        java.util.Objects.requireNonNull(ip, "ip");
        java.util.Objects.requireNonNull(port, "port");
        java.util.Objects.requireNonNull(autoUpdate, "autoUpdate");
    }

    /** The full form, e.g. {@code AT+MIPLCONFIG=0,1,1,"183.230.40.39",5683,1}. */
    public static MiplConfig of(int mode, int recvDataFormat, int bsMode, String ip, int port, int autoUpdate) {
        return new MiplConfig(mode, recvDataFormat, OptionalInt.of(bsMode), Optional.of(ip), OptionalInt.of(port),
                OptionalInt.of(autoUpdate));
    }

    /** The 7.2.2 form without {@code <auto_update>}. */
    public static MiplConfig of(int mode, int recvDataFormat, int bsMode, String ip, int port) {
        return new MiplConfig(mode, recvDataFormat, OptionalInt.of(bsMode), Optional.of(ip), OptionalInt.of(port),
                OptionalInt.empty());
    }

    public MiplCommandName command() {
        return NAME;
    }

    public List<Param> params() {
        return new ParamList().add(mode).add(recvDataFormat).opt(bsMode).optQuoted(ip).opt(port).opt(autoUpdate).list();
    }

    static MiplConfig read(Fields f) {
        f.countOneOf(SYNTAX, 2, 5, 6);
        int mode = f.intAt(0, "mode");
        int fmt = f.intAt(1, "recv_data_format");
        if (f.size() == 2) {
            return new MiplConfig(mode, fmt, OptionalInt.empty(), Optional.empty(), OptionalInt.empty(), OptionalInt.empty());
        }
        return new MiplConfig(mode, fmt, OptionalInt.of(f.intAt(2, "bsMode")), Optional.of(f.stringAt(3, "ip")),
                OptionalInt.of(f.intAt(4, "port")), f.optInt(5, "auto_update"));
    }

    @Override
    public List<Violation> violations() {
        Checks c = new Checks()
                .range(0, "mode", mode, MiplRanges.MODE, "3.3.1")
                .range(1, "recv_data_format", recvDataFormat, MiplRanges.RECV_DATA_FORMAT, "3.3.1")
                .range(2, "bsMode", bsMode, MiplRanges.BS_MODE, "3.3.1")
                .range(4, "port", port, MiplRanges.PORT, "3.3.1")
                .range(5, "auto_update", autoUpdate, MiplRanges.AUTO_UPDATE, "3.3.1");
        boolean group = bsMode.isPresent();
        if (ip.isPresent() != group || port.isPresent() != group) {
            c.add(new Violation(2, "bsMode", Violation.Rule.INCONSISTENT, "<bsMode>, <ip> and <port> go together (3.3.1)"));
        }
        if (autoUpdate.isPresent() && !group) {
            c.add(new Violation(5, "auto_update", Violation.Rule.INCONSISTENT,
                    "<auto_update> needs <bsMode>, <ip> and <port> before it (3.3.1)"));
        }
        return c.list();
    }
}
