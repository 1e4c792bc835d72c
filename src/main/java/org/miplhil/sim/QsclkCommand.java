package org.miplhil.sim;

import java.util.List;
import org.miplhil.at.Param;
import org.miplhil.at.ParsedCommand.Form;
import org.miplhil.sim.Outcome;
import org.miplhil.sim.Outcome.Reply;
import org.miplhil.sim.profile.FirmwareProfile;
import org.miplhil.sim.sleep.SleepController;

/**
 * {@code AT+QSCLK} (7.1 remark 1), as the XY1100 AT layer answers it ({@code at_QSCLK_req}): set 0..2, query
 * {@code +QSCLK: <n>}, test from the profile ({@code +QSCLK: (0-2)}); anything else {@code ERROR}. The value lives in
 * the {@link SleepController}: kept across deep sleep, back to the power-up value after a power-on.
 */
final class QsclkCommand {

    /** The command's name as it follows {@code AT}. */
    static final String NAME = "+QSCLK";

    private final FirmwareProfile profile;
    private final SleepController sleep;

    QsclkCommand(FirmwareProfile profile, SleepController sleep) {
        this.profile = profile;
        this.sleep = sleep;
    }

    Outcome handle(Form form, List<Param> params) {
        return switch (form) {
            case QUERY -> Reply.ok("+QSCLK: " + sleep.qsclk());
            case TEST -> profile.testResponse("AT+QSCLK").<Outcome>map(Reply::ok).orElseGet(QsclkCommand::error);
            case SET -> {
                if (params.size() != 1 || params.get(0).quoted()) {
                    yield error();
                }
                var n = params.get(0).integer();
                if (n.isEmpty() || n.getAsLong() < 0 || n.getAsLong() > 2) {
                    yield error();
                }
                int mode = (int) n.getAsLong();
                // after OK: the idle time restarts under the new mode
                yield Reply.ok().then(() -> sleep.qsclk(mode));
            }
            case EXEC -> error();
        };
    }

    private static Reply error() {
        return new Reply(List.of(), "ERROR", () -> { });
    }
}
