package org.miplhil.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.miplhil.at.AtCommandLine;
import org.miplhil.at.CommandHead;
import org.miplhil.at.MiplCommandName;
import org.miplhil.at.Param;
import org.miplhil.at.Parsed;
import org.miplhil.at.ParsedCommand;
import org.miplhil.at.RawLine;
import org.miplhil.sim.Outcome.Deferred;
import org.miplhil.sim.Outcome;
import org.miplhil.sim.Outcome.Reply;
import org.miplhil.sim.Outcome.Silent;

/**
 * The module's command-line reader: one line as V.250 reads it ({@link V250Line}), each command handed to the
 * {@link GeneralCommands} or the {@link MiplInterpreter}. Several commands on one line answer in turn, with one
 * final {@code OK} at the end; the first error ends the line with that error (V.250 5.2.1; the XY1100 AT layer
 * takes {@code AT+CIMI;+CGSN=1;+CGACT?}). {@code A/} repeats the previous line. Commands the harness installed
 * ({@link HarnessCommand}) are answered here, outside the firmware model.
 */
final class AtFrontEnd {

    private final GeneralCommands general;
    private final MiplInterpreter mipl;
    private final NetworkState network;
    private final Map<String, HarnessCommand> harness;
    private final HarnessCommand.Module module;
    private String previous;

    AtFrontEnd(GeneralCommands general, MiplInterpreter mipl, NetworkState network) {
        this(general, mipl, network, Map.of(), null);
    }

    /** With the harness's own commands by name ({@code "+HILBENCH"}) and what they may do with the module. */
    AtFrontEnd(GeneralCommands general, MiplInterpreter mipl, NetworkState network,
               Map<String, HarnessCommand> harness, HarnessCommand.Module module) {
        this.general = general;
        this.mipl = mipl;
        this.network = network;
        this.harness = Map.copyOf(harness);
        this.module = module;
    }

    boolean echo() {
        return general.echo();
    }

    /** Answers one command line as framed by {@link org.miplhil.at.LineFramer#forCommands(int)}. */
    Outcome handle(RawLine line) {
        if (org.miplhil.at.LineFramer.isOverlong(line)) {
            return general.parameterError(); // XY1100 at_farps_channel.c: over AT_DATA_MAX_LEN is ATERR_PARAM_INVALID
        }
        if (line.noise()) {
            return GeneralCommands.error(); // bytes that are not text
        }
        String text = line.text();
        if (text.isBlank()) {
            return new Silent();
        }
        if (V250Line.isRepeat(text)) {
            text = previous != null ? previous : "AT"; // nothing to repeat: as a bare AT
        } else {
            previous = text;
        }
        Optional<List<String>> commands = V250Line.commands(text);
        if (commands.isEmpty()) {
            return GeneralCommands.error(); // not a command line of 3.1.2
        }
        List<String> info = new ArrayList<>();
        List<Runnable> after = new ArrayList<>();
        List<String> all = commands.get();
        for (int i = 0; i < all.size(); i++) {
            Outcome o = one(all.get(i));
            if (o instanceof Deferred d) {
                // finishes later (AT+MIPLDELETE waiting for event 15): what came before goes out first; the line ends
                return new Deferred(d.timeout(), d.onTimeout(), concat(info, d.before()), chain(after));
            }
            if (o instanceof Reply r) {
                info.addAll(r.info());
                after.add(r.after());
                if (!r.finalLine().equals("OK")) {
                    return new Reply(info, r.finalLine(), chain(after));
                }
            }
        }
        return new Reply(info, "OK", chain(after));
    }

    private Outcome one(String command) {
        Parsed<ParsedCommand> parsed = AtCommandLine.parse(command);
        Parsed<CommandHead> head = parsed.isOk() ? parsed.map(ParsedCommand::head) : AtCommandLine.head(command);
        if (!(head instanceof Parsed.Ok<CommandHead> ok)) {
            return GeneralCommands.error();
        }
        CommandHead h = ok.value();
        if (GeneralCommands.knows(h)) {
            List<Param> params = parsed.toOptional().map(ParsedCommand::params).orElse(List.of());
            if (h.form() == ParsedCommand.Form.SET && parsed.isOk() == false) {
                return general.handle(h, List.of(Param.plain("\u0000"))); // malformed parameters: the command's own error
            }
            return general.handle(h, params);
        }
        HarnessCommand extra = harness.get(h.name());
        if (extra != null) {
            HarnessCommand.Answer a = extra.handle(h.form(),
                    parsed.toOptional().map(ParsedCommand::params).orElse(List.of()), module);
            return new Reply(a.info(), a.success() ? "OK" : "ERROR", a.after());
        }
        Outcome o = mipl.handle(RawLine.of(command));
        if (o instanceof Reply r && r.finalLine().equals("OK") && carriesData(h)) {
            network.dataActivity(); // the command sends LwM2M data: the RRC connection is up
        }
        return o;
    }

    /** MIPL commands whose OK puts a CoAP message on the air. */
    private static boolean carriesData(CommandHead h) {
        return MiplCommandName.of(h.name()).map(n -> switch (n) {
            case MIPLOPEN, MIPLCLOSE, MIPLDELETE, MIPLUPDATE, MIPLNOTIFY, MIPLREADRSP, MIPLWRITERSP, MIPLEXECUTERSP,
                    MIPLOBSERVERSP, MIPLDISCOVERRSP, MIPLPARAMETERRSP -> true;
            default -> false;
        }).orElse(false);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static Runnable chain(List<Runnable> steps) {
        List<Runnable> copy = List.copyOf(steps);
        return () -> copy.forEach(Runnable::run);
    }
}
