package org.miplhil.sim;

import java.time.Duration;
import java.util.List;
import org.miplhil.at.Param;
import org.miplhil.at.ParsedCommand.Form;

/**
 * A command of the harness, not of the firmware, installed on one virtual module through
 * {@link VirtualModule.Builder#harnessCommand}: the firmware model (the interpreter, the command runner) knows
 * none of them. The front end hands it the commands named {@link #name()} after the firmware's own general commands;
 * it runs on the module thread, its reply goes out as any reply does (echo, response delay, fault plan).
 */
public interface HarnessCommand {

    /** The extended command it answers, as the line names it: {@code "+HILBENCH"} for {@code AT+HILBENCH=...}. */
    String name();

    /** Answers one command; {@code params} is empty when the parameters do not parse. Must not block. */
    Answer handle(Form form, List<Param> params, Module module);

    /** What a harness command may do with the module: write URCs, run later, read the URC history. */
    interface Module {
        /** Writes a URC line (through the fault plan), as the firmware's URCs are written. */
        void urc(String line);

        /** Runs a task later on the module thread; dropped if the power is cut meanwhile. */
        void schedule(Duration delay, Runnable task);

        /** The URCs written lately, with the time their last byte was handed to the link (oldest first). */
        List<UrcEmission> recentUrcs();
    }

    /** The reply: information lines, OK or ERROR, and what to do once the reply is out. */
    record Answer(List<String> info, boolean success, Runnable after) {
        public Answer {
            info = List.copyOf(info);
        }

        public static Answer ok(String... info) {
            return new Answer(List.of(info), true, () -> {});
        }

        public static Answer error() {
            return new Answer(List.of(), false, () -> {});
        }

        /** The same answer, then {@code next} once it is out. */
        public Answer then(Runnable next) {
            Runnable first = after;
            return new Answer(info, success, () -> {
                first.run();
                next.run();
            });
        }
    }
}
