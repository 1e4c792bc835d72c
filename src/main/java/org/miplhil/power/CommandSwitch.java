package org.miplhil.power;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * External programs for on, off and (optionally) state, for any switch without a driver of its own
 * ({@code usbrelay}, {@code uhubctl}, {@code snmpset}, a lab's script). {@code {ch}} becomes the channel. A
 * non-zero exit status is a failure that quotes stderr; every run has the spec's deadline, after which the
 * program and its children are killed.
 */
public final class CommandSwitch extends PowerDriver {

    private final PowerSpec.Command spec;
    private final ProcessRunner runner;

    public CommandSwitch(PowerSpec.Command spec, Map<String, String> environment) {
        super("command", "'" + shortForm(spec.on()) + "' channel " + spec.channel(), spec.timeout(), false);
        this.spec = spec;
        this.runner = new ProcessRunner(driver(), target(), environment);
    }

    private static String shortForm(PowerSpec.Invocation inv) {
        if (inv instanceof PowerSpec.Invocation.Argv a) {
            return a.args().get(0);
        }
        String line = ((PowerSpec.Invocation.Shell) inv).line().strip();
        int space = line.indexOf(' ');
        return space < 0 ? line : line.substring(0, space);
    }

    /** The runner kills the program and its children at the spec's deadline. */
    @Override
    protected void set(boolean on, Operations.Deadline deadline) throws PowerException {
        run(PowerAction.of(on), on ? spec.on() : spec.off());
    }

    @Override
    protected PowerReading get(PowerAction action, Operations.Deadline deadline) throws PowerException {
        if (spec.state().isEmpty()) {
            return tracked("no state command in the rack file; the last state this process set");
        }
        ProcessRunner.Outcome o = run(action, spec.state().get());
        boolean on = spec.stateOn().orElseThrow().matcher(o.stdout()).find();
        boolean off = spec.stateOff().orElseThrow().matcher(o.stdout()).find();
        if (on == off) {
            throw failure(action, PowerException.Kind.BAD_REPLY,
                    (on ? "the output matches both state-on and state-off" : "the output matches neither state-on /"
                            + spec.stateOn().get().pattern() + "/ nor state-off /" + spec.stateOff().get().pattern() + "/")
                            + "; stdout: '" + StateText.abbreviate(o.stdout().strip()) + "'");
        }
        return PowerReading.readBack(PowerState.of(on));
    }

    private ProcessRunner.Outcome run(PowerAction action, PowerSpec.Invocation inv) throws PowerException {
        List<String> argv = argv(inv, spec.channel());
        ProcessRunner.Outcome o = runner.run(action, argv, spec.timeout());
        if (o.exitCode() != 0) {
            String err = o.stderr().strip();
            throw failure(action, PowerException.Kind.REFUSED,
                    String.join(" ", argv) + " exited with status " + o.exitCode()
                            + (err.isEmpty() ? " (no stderr)" : "; stderr: " + StateText.abbreviate(err)));
        }
        return o;
    }

    /** The argument vector with {@code {ch}} substituted; a shell line runs under {@code /bin/sh -c}. */
    static List<String> argv(PowerSpec.Invocation inv, int channel) {
        String ch = Integer.toString(channel);
        if (inv instanceof PowerSpec.Invocation.Shell s) {
            return List.of("/bin/sh", "-c", s.line().replace("{ch}", ch));
        }
        List<String> out = new ArrayList<>();
        for (String a : ((PowerSpec.Invocation.Argv) inv).args()) {
            out.add(a.replace("{ch}", ch));
        }
        return out;
    }
}
