package org.miplhil.sim;

import java.time.Duration;
import java.util.List;

/** What the harness's own commands ({@link HarnessCommand}) may do with the module: its URCs, timers, URC history. */
final class HarnessHost implements HarnessCommand.Module {

    private final SerialOutput output;
    private final ModuleThread thread;

    HarnessHost(SerialOutput output, ModuleThread thread) {
        this.output = output;
        this.thread = thread;
    }

    @Override
    public void urc(String line) {
        output.urc(line);
    }

    @Override
    public void schedule(Duration delay, Runnable task) {
        thread.schedule(delay, task);
    }

    @Override
    public List<UrcEmission> recentUrcs() {
        return output.recentUrcs();
    }
}
