package org.miplhil.learn;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.miplhil.dut.Reply;

/**
 * A probe of one command: commands that bring the module to where a behaviour shows ({@code setup}, each expected to
 * be accepted), the command that provokes it, and how its reply gives the value of a profile key.
 *
 * @param key     the profile path learnt, e.g. {@code errors.create.twice}
 * @param setup   commands sent first (after the reset every probe starts with)
 * @param command the command whose reply is read
 * @param type    how the value is written in the profile
 * @param read    the value the reply shows, or empty when it shows none this key can hold
 */
public record CommandProbe(String key, List<String> setup, String command, ValueType type,
                           Function<Reply, Optional<String>> read) implements Probe {

    public CommandProbe {
        setup = List.copyOf(setup);
    }

    @Override
    public List<String> keys() {
        return List.of(key);
    }
}
