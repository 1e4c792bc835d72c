package org.miplhil.network;

import java.util.Optional;

/**
 * One thing wrong in a {@code network:} value or a profile file.
 *
 * @param key     where: the key path, such as {@code network.uplink.loss}
 * @param message what was expected and what was found
 * @param file    the profile file the problem is in; empty when it is in the value given (the suite's own file)
 * @param line    1-based line when known (the value was a SnakeYAML node or the problem is in a profile file), else 0
 * @param column  1-based column when known, else 0
 */
public record NetworkProblem(String key, String message, Optional<String> file, int line, int column) {

    public NetworkProblem {
        file = file == null ? Optional.empty() : file;
    }

    static NetworkProblem at(String key, String message) {
        return new NetworkProblem(key, message, Optional.empty(), 0, 0);
    }

    /** {@code fixtures/network/x.yaml:3:7: loss must be …} or {@code network.loss must be …}. */
    @Override
    public String toString() {
        String where = file.map(f -> f + (line > 0 ? ":" + line + ":" + column : "") + ": ").orElse("");
        return where + key + " " + message;
    }
}
