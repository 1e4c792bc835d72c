package org.miplhil.at;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A command that answers a platform request (3.3.9–3.3.14): the msgId of the request's URC and a
 * result code, which {@link #request()} decides the allowed values of ({@link ResultCode#allowedFor}).
 */
public interface MiplAnswer {

    int ref();

    /** The msgId of the URC being answered. */
    long msgId();

    int result();

    OptionalInt raiMode();

    /** The kind of request this command answers. */
    RequestType request();

    /**
     * The msgId a command line answers when it is an {@code AT+MIPL...RSP} command with a readable msgId, whatever
     * else is wrong with it: a case may answer with a deliberately broken command (chapter 4) and the request still
     * counts as answered by the module's reckoning.
     */
    static Optional<Long> msgIdOf(String commandLine) {
        if (!(AtCommandLine.parse(commandLine) instanceof Parsed.Ok<ParsedCommand> ok)) {
            return Optional.empty();
        }
        ParsedCommand cmd = ok.value();
        String name = cmd.name().toUpperCase(Locale.ROOT);
        if (!cmd.isExtended() || !name.contains("MIPL") || !name.endsWith("RSP") || cmd.params().size() < 2) {
            return Optional.empty();
        }
        var msgId = cmd.params().get(1).integer();
        return msgId.isPresent() ? Optional.of(msgId.getAsLong()) : Optional.empty();
    }
}
