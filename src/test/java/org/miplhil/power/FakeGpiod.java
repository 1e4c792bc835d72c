package org.miplhil.power;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * libgpiod's {@code gpioset} and {@code gpioget} as shell scripts in a directory put first on PATH: real programs
 * on a real process boundary. They record their arguments in {@code calls.log}, keep the line's active value in
 * {@code value}, print {@code version} for {@code --version}, and fail with {@code fail}'s text when that file
 * exists.
 */
final class FakeGpiod {

    private final Path dir;

    FakeGpiod(Path dir, int majorVersion) throws IOException {
        this.dir = dir;
        Files.writeString(dir.resolve("version"), majorVersion == 1
                ? "gpioset (libgpiod) v1.6.3\nCopyright (C) 2017-2018 Bartosz Golaszewski\n"
                : "gpioset (libgpiod) v2.1\nCopyright (C) 2017-2023 Bartosz Golaszewski\n");
        script("gpioset", """
                #!/bin/sh
                d=$(dirname "$0")
                if [ "$1" = "--version" ]; then cat "$d/version"; exit 0; fi
                echo "gpioset $*" >> "$d/calls.log"
                if [ -f "$d/fail" ]; then cat "$d/fail" >&2; exit 1; fi
                for a in "$@"; do last="$a"; done
                echo "${last#*=}" > "$d/value"
                """);
        script("gpioget", """
                #!/bin/sh
                d=$(dirname "$0")
                echo "gpioget $*" >> "$d/calls.log"
                if [ -f "$d/fail" ]; then cat "$d/fail" >&2; exit 1; fi
                for a in "$@"; do last="$a"; done
                if [ "$(cat "$d/value" 2>/dev/null)" = 1 ]; then v=active; else v=inactive; fi
                echo "\\"$last\\"=$v"
                """);
    }

    private void script(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** The environment of a switch that finds these scripts first on PATH. */
    Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("PATH", dir + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        return env;
    }

    List<String> calls() throws IOException {
        Path log = dir.resolve("calls.log");
        return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
    }

    String value() throws IOException {
        return Files.readString(dir.resolve("value")).strip();
    }

    void failWith(String stderr) throws IOException {
        Files.writeString(dir.resolve("fail"), stderr);
    }
}
