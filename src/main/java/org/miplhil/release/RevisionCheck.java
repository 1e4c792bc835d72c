package org.miplhil.release;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.miplhil.dut.DeadlineExceeded;
import org.miplhil.dut.ModuleSession;
import org.miplhil.dut.Readiness;
import org.miplhil.dut.Reply;
import org.miplhil.link.Link;
import org.miplhil.link.Links;
import org.miplhil.link.PtyPair;
import org.miplhil.link.SerialLink;
import org.miplhil.power.rack.Rack;
import org.miplhil.power.rack.RackLoader;
import org.miplhil.power.rack.RackModule;
import org.miplhil.sim.VirtualModule;
import org.miplhil.sim.profile.FirmwareProfile;
import org.miplhil.sim.profile.ProfileLoader;
import org.miplhil.yaml.LoadResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before a release's run: do the modules run the firmware the release file names? Each module is asked
 * {@code ATI} over its port and its {@code Revision:} line (7.10.6) is compared with the expected revision. A rack's
 * modules are opened one after the other (a virtual one of the rack is started with its profile); virtual modules
 * without a rack are one virtual module started with the firmware's profile (every module of {@code parallel}
 * runs that profile). Never throws: a module that does not answer is a failed check with the reason.
 */
public final class RevisionCheck {

    private static final Logger LOG = LoggerFactory.getLogger(RevisionCheck.class);
    private static final Pattern REVISION = Pattern.compile("Revision: *(\\S.*)");
    /** The profile a virtual module runs when the release names none (the suites' default). */
    public static final Path DEFAULT_PROFILE = Path.of("fixtures", "firmware", "bc260y-cn.yaml");
    /** How long a module may take to answer AT (it may still be booting). */
    static final Duration READY_WITHIN = Duration.ofSeconds(30);

    private RevisionCheck() {
    }

    /**
     * What one module reported.
     *
     * @param module   the rack's module name, or {@code virtual (PROFILE)}
     * @param expected the revision the release file names
     * @param reported the {@code Revision:} line's value; empty when the module did not say (see {@code problem})
     * @param problem  why nothing was reported (a port that does not open, no answer), or empty
     */
    public record ModuleRevision(String module, String expected, String reported, String problem) {
        public boolean matches() {
            return problem.isEmpty() && expected.equals(reported);
        }

        /** The failure, naming the module, the expected and the reported revision; empty when it matches. */
        public String mismatch() {
            if (matches()) {
                return "";
            }
            return "module " + module + " should run " + expected + " but "
                    + (problem.isEmpty() ? "reports " + (reported.isEmpty() ? "no revision" : reported) + " (ATI)"
                    : problem);
        }
    }

    /** The virtual module started with {@code profile} (the default profile when empty). */
    public static List<ModuleRevision> virtual(Optional<Path> profile, String expected) {
        Path file = profile.orElse(DEFAULT_PROFILE);
        String name = "virtual (" + file + ")";
        return List.of(askVirtual(name, file, expected));
    }

    /** Every module of the rack file {@code rackFile}. */
    public static List<ModuleRevision> rack(Path rackFile, String expected) {
        return rack(rackFile, expected, Optional.empty());
    }

    /**
     * Every module of the rack file {@code rackFile}; its virtual modules started with {@code profile} when given
     * (as {@code ./mipl-hil run --rack F --profile P} starts them), else with the rack's profile.
     */
    public static List<ModuleRevision> rack(Path rackFile, String expected, Optional<Path> profile) {
        LoadResult<Rack> loaded = RackLoader.load(rackFile);
        if (!(loaded instanceof LoadResult.Ok<Rack> ok)) {
            return List.of(new ModuleRevision(rackFile.toString(), expected, "", "the rack file does not load: "
                    + String.join("; ", loaded.errors())));
        }
        List<ModuleRevision> out = new ArrayList<>();
        for (RackModule m : ok.value().modules()) {
            Optional<org.miplhil.link.LinkSpec> link = m.module().link();
            out.add(link.isEmpty() ? askVirtual(m.name(), profile.orElse(m.module().profile()), expected)
                    : askHardware(m.name(), link.get(), expected));
        }
        return out;
    }

    /** The profile of a rack's virtual modules (the first one's), when every module of the rack is virtual. */
    public static Optional<Path> virtualRackProfile(Path rackFile) {
        if (RackLoader.load(rackFile) instanceof LoadResult.Ok<Rack> ok
                && ok.value().modules().stream().allMatch(m -> m.module().isVirtual())) {
            return Optional.of(ok.value().modules().get(0).module().profile());
        }
        return Optional.empty();
    }

    private static ModuleRevision askVirtual(String name, Path profileFile, String expected) {
        LoadResult<FirmwareProfile> p = ProfileLoader.load(profileFile);
        if (!(p instanceof LoadResult.Ok<FirmwareProfile> ok)) {
            return new ModuleRevision(name, expected, "", "its profile does not load: "
                    + String.join("; ", p.errors()));
        }
        try (PtyPair pty = PtyPair.open();
             VirtualModule module = VirtualModule.builder().link(pty.master()).profile(ok.value()).build()) {
            module.start();
            try (ModuleSession session = ModuleSession.open(SerialLink.open(pty.slavePath().toString()))) {
                return ask(name, session, expected);
            }
        } catch (IOException | RuntimeException e) {
            return new ModuleRevision(name, expected, "", "the virtual module does not start: " + e.getMessage());
        }
    }

    private static ModuleRevision askHardware(String name, org.miplhil.link.LinkSpec spec, String expected) {
        Link link;
        try {
            link = Links.open(spec);
        } catch (IOException | RuntimeException e) {
            return new ModuleRevision(name, expected, "", "its port " + spec + " does not open: " + e.getMessage());
        }
        try (ModuleSession session = ModuleSession.open(link)) {
            return ask(name, session, expected);
        }
    }

    /** {@code AT} once a second until OK (a module may be booting), then {@code ATI}'s Revision line. */
    private static ModuleRevision ask(String name, ModuleSession session, String expected) {
        Optional<String> silent = Readiness.awaitAt(session, READY_WITHIN);
        if (silent.isPresent()) {
            return new ModuleRevision(name, expected, "", "it does not answer AT within " + READY_WITHIN.toSeconds()
                    + " s; last: " + silent.get());
        }
        try {
            Reply r = session.send("ATI", Duration.ofSeconds(5));
            for (String line : r.lines()) {
                Matcher m = REVISION.matcher(line.strip());
                if (m.matches()) {
                    String reported = m.group(1).strip();
                    LOG.info("{} reports revision {} (expected {})", name, reported, expected);
                    return new ModuleRevision(name, expected, reported, "");
                }
            }
            return new ModuleRevision(name, expected, "", "its ATI answer has no Revision line: " + r);
        } catch (DeadlineExceeded e) {
            return new ModuleRevision(name, expected, "", "it does not answer ATI: " + e.getMessage());
        }
    }
}
