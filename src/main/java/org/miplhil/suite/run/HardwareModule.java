package org.miplhil.suite.run;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.miplhil.dut.DeadlineExceeded;
import org.miplhil.dut.ModuleSession;
import org.miplhil.dut.Readiness;
import org.miplhil.dut.Reply;
import org.miplhil.link.Link;
import org.miplhil.link.Links;
import org.miplhil.sim.VirtualModule;

/**
 * A real module on a serial port or a TCP serial server. Before the first case: {@code AT} until it answers, then
 * its identity ({@code AT+CGSN=1}, {@code AT+CIMI}) and revision ({@code ATI}), unless the options give them.
 */
final class HardwareModule implements ModuleUnderTest {

    private static final Pattern CGSN = Pattern.compile("\\+CGSN: *\"?(\\d{14,17})\"?");
    private static final Pattern IMSI = Pattern.compile("(\\d{6,15})");
    private static final Pattern REVISION = Pattern.compile("Revision: *(\\S.*)");

    private final ModuleSession session;
    private final String imei;
    private final String imsi;
    private final String revision;
    private final Optional<Supply> supply;
    private Optional<WakeLine> wake = Optional.empty();

    private HardwareModule(ModuleSession session, String imei, String imsi, String revision, Optional<Supply> supply) {
        this.session = session;
        this.imei = imei;
        this.imsi = imsi;
        this.revision = revision;
        this.supply = supply;
    }

    static HardwareModule open(Target.Hardware target, RunOptions options, Optional<Supply> supply)
            throws BenchException {
        Link link;
        try {
            link = Links.open(target.link());
        } catch (IOException | RuntimeException e) {
            throw BenchException.infrastructure("cannot open " + target.describe() + ": " + e.getMessage(), e);
        }
        ModuleSession session = ModuleSession.open(link);
        try {
            awaitAt(session, target, options.readyWithin());
            String imei = options.imei().orElseGet(() -> ask(session, "AT+CGSN=1", CGSN));
            String imsi = options.imsi().orElseGet(() -> ask(session, "AT+CIMI", IMSI));
            String revision = ask(session, "ATI", REVISION);
            HardwareModule hw = new HardwareModule(session, imei, imsi, revision, supply);
            hw.wake = options.wake().map(w -> WakeLine.rack(w, System.getenv()));
            return hw;
        } catch (BenchException e) {
            session.close();
            throw e;
        } catch (RuntimeException e) {
            session.close();
            throw BenchException.infrastructure(target.describe() + " failed while identifying the module: "
                    + e.getMessage(), e);
        }
    }

    /** {@code AT} once a second until OK, for at most {@code within}: a module may still be booting. */
    private static void awaitAt(ModuleSession session, Target target, Duration within) throws BenchException {
        Optional<String> silent = Readiness.awaitAt(session, within);
        if (silent.isPresent()) {
            throw BenchException.infrastructure("the module on " + target.describe() + " does not answer AT within "
                    + within.toSeconds() + " s (is it powered, is the port and baud rate right?); last: "
                    + silent.get(), null);
        }
    }

    /** The first group of the first information line {@code p} matches; empty when the module does not say. */
    private static String ask(ModuleSession session, String command, Pattern p) {
        try {
            Reply r = session.send(command, Duration.ofSeconds(5));
            for (String line : r.lines()) {
                Matcher m = p.matcher(line.strip());
                if (m.matches()) {
                    return m.group(1);
                }
            }
        } catch (DeadlineExceeded e) {
            // the module does not know the command: the value stays unknown
        }
        return "";
    }

    @Override
    public ModuleSession session() {
        return session;
    }

    @Override
    public String imei() {
        return imei;
    }

    @Override
    public String imsi() {
        return imsi;
    }

    @Override
    public String firmwareRevision() {
        return revision;
    }

    @Override
    public Optional<VirtualModule> virtual() {
        return Optional.empty();
    }

    @Override
    public Optional<WakeLine> wakeLine() {
        return wake;
    }

    @Override
    public Optional<Supply> supply() {
        return supply;
    }

    @Override
    public void restore() {
        // a real module is left as the case left it; the next case's setup finds out
    }

    @Override
    public void close() {
        wake.ifPresent(WakeLine::close);
        session.close();
    }
}
