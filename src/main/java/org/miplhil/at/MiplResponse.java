package org.miplhil.at;

import java.util.List;
import java.util.OptionalInt;

/**
 * Information responses of the MIPL commands: the lines between a command and its {@code OK}.
 * {@link #format()} gives the line as the module prints it.
 */
public sealed interface MiplResponse {

    MiplCommandName command();

    String format();

    /** 3.3.1 query: {@code +MIPLCONFIG: <mode>,<recv_data_format>,<bsMode>,<ip>,<port>,<auto_update>}. */
    record ConfigInfo(int mode, int recvDataFormat, int bsMode, String ip, int port, OptionalInt autoUpdate,
                      boolean ipQuoted) implements MiplResponse {
        public ConfigInfo {
            java.util.Objects.requireNonNull(ip, "ip");
            java.util.Objects.requireNonNull(autoUpdate, "autoUpdate");
        }

        /** With the address in quotes, as the set form writes it (7.2.2). */
        public ConfigInfo(int mode, int recvDataFormat, int bsMode, String ip, int port, int autoUpdate) {
            this(mode, recvDataFormat, bsMode, ip, port, OptionalInt.of(autoUpdate), true);
        }

        /** The same line with the address quoted or bare (firmware builds differ; the note does not say). */
        public ConfigInfo withIpQuoted(boolean quoted) {
            return new ConfigInfo(mode, recvDataFormat, bsMode, ip, port, autoUpdate, quoted);
        }

        public MiplCommandName command() {
            return MiplCommandName.MIPLCONFIG;
        }

        public String format() {
            ParamList p = new ParamList().add(mode).add(recvDataFormat).add(bsMode);
            p = ipQuoted ? p.quoted(ip) : p.plain(ip);
            return "+MIPLCONFIG: " + ParamList.join(p.add(port).opt(autoUpdate).list());
        }
    }

    /** 3.3.2: {@code +MIPLCREATE: <ref>}. */
    record CreateInfo(int ref) implements MiplResponse {
        public MiplCommandName command() {
            return MiplCommandName.MIPLCREATE;
        }

        public String format() {
            return "+MIPLCREATE: " + ref;
        }
    }

    /** 3.3.4: {@code +MIPLVER: <version>}, e.g. {@code 2.3.0} (3.3.11 remark 4: OneNET SDK 2.3.0). */
    record VerInfo(String version) implements MiplResponse {
        public VerInfo {
            java.util.Objects.requireNonNull(version, "version");
        }

        public MiplCommandName command() {
            return MiplCommandName.MIPLVER;
        }

        public String format() {
            return "+MIPLVER: " + version;
        }
    }

    /**
     * The answer to a test command, {@code +MIPLOPEN: (0-65535),(0,15-268435455),(1-65535)}. The note
     * gives only placeholders, so the body is kept as text; {@link MiplTestResponses} has defaults.
     */
    record TestInfo(MiplCommandName command, String body) implements MiplResponse {
        public TestInfo {
            java.util.Objects.requireNonNull(command, "command");
            java.util.Objects.requireNonNull(body, "body");
        }

        public String format() {
            return command.atName() + ": " + body;
        }

        /** The comma-separated fields of the body (commas inside parentheses or quotes do not split). */
        public List<String> fields() {
            List<String> out = new java.util.ArrayList<>();
            int depth = 0;
            boolean quoted = false;
            int start = 0;
            for (int i = 0; i < body.length(); i++) {
                char c = body.charAt(i);
                if (c == '"') {
                    quoted = !quoted;
                } else if (!quoted && c == '(') {
                    depth++;
                } else if (!quoted && c == ')') {
                    depth--;
                } else if (!quoted && depth == 0 && c == ',') {
                    out.add(body.substring(start, i));
                    start = i + 1;
                }
            }
            out.add(body.substring(start));
            return List.copyOf(out);
        }
    }
}
