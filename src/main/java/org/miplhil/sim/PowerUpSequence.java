package org.miplhil.sim;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.miplhil.sim.fota.FotaEngine;
import org.miplhil.sim.profile.FirmwareProfile;
import org.miplhil.sim.sleep.SleepController;

/**
 * The lines a module writes after power-on (the profile's {@code power-up}: {@code RDY}, {@code +CFUN: 1},
 * {@code +CPIN: READY}, {@code +IP: ...}), each {@code after} the previous one. Commands are read from the first line
 * on, the data connection is up from the step marked {@code attach}; after a DFOTA update the
 * {@code +QIND: "FOTA","END",<err>} line goes in after {@code +CFUN: 1} (7.10.6).
 */
final class PowerUpSequence {

    private final FirmwareProfile profile;
    private final ModuleThread thread;
    private final Consumer<String> urc;
    private final NetworkState network;
    private final SleepController sleep;
    private final CommandRunner commands;

    PowerUpSequence(FirmwareProfile profile, ModuleThread thread, Consumer<String> urc, NetworkState network,
                    SleepController sleep, CommandRunner commands) {
        this.profile = profile;
        this.thread = thread;
        this.urc = urc;
        this.network = network;
        this.sleep = sleep;
        this.commands = commands;
    }

    /** Schedules the power-up lines; {@code boot} is what the DFOTA engine found at this start. */
    void run(FotaEngine.Boot boot) {
        List<FirmwareProfile.PowerUpStep> steps = profile.powerUp();
        if (steps.isEmpty()) {
            commands.startReading();
            network.attachNow(false);
            sleep.ready();
        }
        int endAfter = -1;
        if (boot instanceof FotaEngine.Boot.AfterUpdate after) {
            endAfter = endLineAfter(steps);
            if (endAfter < 0) {
                String end = FotaEngine.endLine(after.upgradeErr());
                thread.schedule(Duration.ZERO, () -> urc.accept(end));
            }
        }
        Duration at = Duration.ZERO;
        for (int i = 0; i < steps.size(); i++) {
            FirmwareProfile.PowerUpStep step = steps.get(i);
            at = at.plus(step.after());
            String end = i == endAfter ? FotaEngine.endLine(((FotaEngine.Boot.AfterUpdate) boot).upgradeErr()) : null;
            thread.schedule(at, () -> {
                if (!commands.reading()) {
                    sleep.ready(); // the idle time runs from the first line on
                }
                commands.startReading();
                if (step.attach()) {
                    network.attachNow(false); // the step's own line is the +IP:
                    sleep.activity(); // the attach was data: the idle time runs from here
                }
                urc.accept(substitute(step.line()));
                if (end != null) {
                    urc.accept(end);
                }
            });
        }
    }

    /** 7.10.6: after an update, RDY, +CFUN: 1, then +QIND: "FOTA","END",<err> before the data connection's line. */
    private static int endLineAfter(List<FirmwareProfile.PowerUpStep> steps) {
        int attachAt = 0;
        while (attachAt < steps.size() && !steps.get(attachAt).attach()) {
            attachAt++;
        }
        int endAfter = attachAt == steps.size() ? steps.size() - 1 : attachAt - 1;
        for (int k = 0; k < attachAt && k < steps.size(); k++) {
            if (steps.get(k).line().startsWith("+CFUN")) {
                endAfter = k; // 7.10.6: the END line follows +CFUN: 1 (the +CPIN: READY line comes after it)
            }
        }
        return endAfter;
    }

    private String substitute(String line) {
        return line.replace("${ip-address}", profile.network().ipAddress())
                .replace("${cfun}", Integer.toString(profile.at().cfun()));
    }
}
