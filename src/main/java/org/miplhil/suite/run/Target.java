package org.miplhil.suite.run;

import org.miplhil.link.LinkSpec;

/**
 * The module a run drives: the virtual module on a fresh pseudo-terminal ({@code sim}), or a real one on a serial
 * port or behind a raw TCP serial server. Written on the command line as {@code sim}, {@code serial:DEVICE[@BAUD]}
 * or {@code tcp:HOST:PORT}; {@link #parse} never throws.
 */
public sealed interface Target {

    /** As written on the command line: {@code sim}, {@code serial:/dev/ttyUSB0@115200}, {@code tcp:lab-7:4001}. */
    String describe();

    /** The virtual BC260Y-CN with its firmware profile, registering with the embedded platform on loopback. */
    record Sim() implements Target {
        @Override
        public String describe() {
            return "sim";
        }
    }

    /** A real module on the link the spec names. */
    record Hardware(LinkSpec link, String written) implements Target {
        @Override
        public String describe() {
            if (link instanceof LinkSpec.Serial s) {
                return "serial:" + s.settings().device() + "@" + s.settings().baud();
            }
            return written;
        }
    }

    /** What {@link #parse} gives: a target or why the text is not one. */
    sealed interface Parsed {
        record Ok(Target target) implements Parsed {}

        record Invalid(String message) implements Parsed {}
    }

    static Parsed parse(String text) {
        if (text == null || text.isBlank() || text.strip().equals("sim")) {
            return new Parsed.Ok(new Sim());
        }
        String t = text.strip();
        if (!t.startsWith("serial:") && !t.startsWith("tcp:")) {
            return new Parsed.Invalid("invalid target '" + t + "': expected sim, serial:DEVICE[@BAUD] or tcp:HOST:PORT");
        }
        LinkSpec spec = LinkSpec.parse(t);
        if (spec instanceof LinkSpec.Invalid invalid) {
            return new Parsed.Invalid("invalid target: " + invalid.message());
        }
        return new Parsed.Ok(new Hardware(spec, t));
    }

    default boolean isSim() {
        return this instanceof Sim;
    }
}
