package org.miplhil.dut.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.miplhil.at.MiplAddObj;
import org.miplhil.at.MiplConfig;
import org.miplhil.dut.ModuleSession;
import org.miplhil.dut.Reply;
import org.miplhil.link.PtyPair;
import org.miplhil.link.SerialLink;
import org.miplhil.objects.ObjectModel;
import org.miplhil.platform.leshan.LeshanPlatform;
import org.miplhil.sim.VirtualModule;
import org.miplhil.sim.profile.FirmwareProfile;
import org.miplhil.sim.profile.ProfileLoader;

/**
 * The strategy against the virtual module on a real pseudo-terminal, registering through its real LwM2M client with
 * the embedded platform on loopback: up from off and from power-up to registered, down to attached, and a
 * registration that fails with the evidence.
 */
class ModuleStrategyPtyTest {

    static final Path PROFILE = Path.of("fixtures/firmware/bc260y-cn.yaml");
    static final Path LIGHT = Path.of("fixtures/objects/light-control-3311.yaml");
    static final Duration WITHIN = Duration.ofSeconds(20);

    private LeshanPlatform platform;
    private PtyPair pty;
    private VirtualModule module;
    private ModuleSession session;

    private void start(String name) throws IOException {
        platform = LeshanPlatform.builder().coapPort(0).bootstrapPort(0).bootstrap(false).oneNetBehaviour(false)
                .requestTimeout(WITHIN).start();
        FirmwareProfile profile = ProfileLoader.load(PROFILE).orElseThrow();
        pty = PtyPair.open();
        Path transcript = Path.of("target", "dut-state", name + ".log");
        Files.createDirectories(transcript.getParent());
        session = ModuleSession.builder(SerialLink.open(pty.slavePath().toString())).transcript(transcript).open();
        module = VirtualModule.builder().link(pty.master()).profile(profile).build().start();
    }

    @AfterEach
    void stop() {
        if (module != null) {
            module.close();
        }
        if (session != null) {
            session.close();
        }
        if (pty != null) {
            pty.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    private static List<MiplAddObj> objects() {
        return ObjectModel.load(LIGHT).addObjCommands(0);
    }

    /** Direct to the embedded platform (no bootstrap), hex values (3.3.1). */
    private RegistrationTarget target(int port) {
        return RegistrationTarget.of(objects()).withConfig(MiplConfig.of(0, 1, 0, "127.0.0.1", port))
                .withOpenTimeout(30).withDeadlines(new RegistrationTarget.Deadlines(Duration.ofSeconds(5), WITHIN,
                        WITHIN, Duration.ofSeconds(10)));
    }

    private List<String> commands(TransitionResult r) {
        return r.replies().stream().map(Reply::command).toList();
    }

    @Test
    void fromOffToRegisteredThenDownToAttachedAndUpAgain() throws IOException {
        start("off-registered-attached");
        PowerControl power = PowerControl.of(module::powerOn, module::powerOff, "virtual module");
        ModuleStrategy strategy = new ModuleStrategy(session, target(platform.coapPort()), Optional.of(power),
                ModuleState.UNKNOWN);

        TransitionResult off = strategy.transition(ModuleState.OFF).orThrow();
        assertThat(off.route().moves()).containsExactly(Move.POWER_OFF);
        assertThat(module.isPowered()).isFalse();
        assertThat(strategy.state()).isEqualTo(ModuleState.OFF);

        TransitionResult up = strategy.transition(ModuleState.REGISTERED);
        assertThat(up.arrived()).as(up.describe()).isTrue();
        assertThat(up.route().moves()).containsExactly(Move.POWER_ON, Move.READY, Move.ATTACH, Move.CONFIGURE,
                Move.CREATE, Move.OPEN);
        assertThat(commands(up)).containsExactly("AT", "AT+QSCLK=0", "AT+CEREG?",
                "AT+MIPLCONFIG=0,1,0,\"127.0.0.1\"," + platform.coapPort(), "AT+MIPLCREATE",
                objects().get(0).format(), "AT+MIPLOPEN=0,86400,30");
        assertThat(up.registered()).hasValueSatisfying(e -> assertThat(e.text()).isEqualTo("+MIPLEVENT: 0,6"));
        // the evidence: each wait with its deadline and what ended it
        assertThat(up.waits()).extracting(w -> w.arrived().orElse("-"))
                .containsExactly("OK", "+CEREG: 0,1", "+MIPLEVENT: 0,6");
        assertThat(up.waits()).allSatisfy(w -> assertThat(w.after()).isLessThanOrEqualTo(w.deadline()));
        assertThat(strategy.state()).isEqualTo(ModuleState.REGISTERED);
        assertThat(platform.devices()).hasSize(1);

        TransitionResult down = strategy.transition(ModuleState.ATTACHED);
        assertThat(down.arrived()).as(down.describe()).isTrue();
        assertThat(down.route().moves()).containsExactly(Move.REMOVE);
        assertThat(down.steps()).containsExactly("AT+MIPLCLOSE=0 -> OK", "+MIPLEVENT: 0,15", "AT+MIPLDELETE=0 -> OK");
        await().atMost(WITHIN).until(() -> platform.devices().isEmpty()); // deregistered
        assertThat(strategy.state()).isEqualTo(ModuleState.ATTACHED);

        // from attached, only MIPL again: no power, no AT probe
        TransitionResult again = strategy.transition(ModuleState.REGISTERED).orThrow();
        assertThat(again.route().moves()).containsExactly(Move.CONFIGURE, Move.CREATE, Move.OPEN);
        assertThat(commands(again)).first().asString().startsWith("AT+MIPLCONFIG=");
        assertThat(platform.devices()).hasSize(1);

        // closing alone leaves the instance: created
        TransitionResult closed = strategy.transition(ModuleState.CREATED).orThrow();
        assertThat(closed.steps()).containsExactly("AT+MIPLCLOSE=0 -> OK", "+MIPLEVENT: 0,15");
        assertThat(session.send("AT+MIPLCREATE").isOk()).as("an instance is left: a second create is refused")
                .isFalse();
    }

    @Test
    void fromPowerUpToRegisteredWithoutAPowerControl() throws IOException {
        start("unknown-registered");
        ModuleStrategy strategy = new ModuleStrategy(session, target(platform.coapPort()));
        assertThat(strategy.state()).isEqualTo(ModuleState.UNKNOWN);
        // the module may still be booting: the strategy asks AT until it answers
        TransitionResult up = strategy.transition(ModuleState.REGISTERED);
        assertThat(up.arrived()).as(up.describe()).isTrue();
        assertThat(up.route().moves()).first().isEqualTo(Move.READY);
        assertThat(platform.devices()).hasSize(1);
        // without a power control there is no way off, and the strategy says so without touching the module
        TransitionResult off = strategy.transition(ModuleState.OFF);
        assertThat(off.failure()).hasValueSatisfying(f -> assertThat(f.kind())
                .isEqualTo(TransitionFailure.Kind.IMPOSSIBLE));
        assertThat(module.isPowered()).isTrue();
        strategy.transition(ModuleState.ATTACHED).orThrow();
    }

    @Test
    void aPowerCutBySomeoneElseIsFollowedAndRecoveredFrom() throws Exception {
        start("power-cut-recovery");
        ModuleStrategy strategy = new ModuleStrategy(session, target(platform.coapPort()));
        try (AutoCloseable following = strategy.followRestarts()) {
            strategy.transition(ModuleState.REGISTERED).orThrow();
            // a power step of a case: the strategy is not asked, the module says RDY when it is back
            module.powerOff();
            module.powerOn();
            await().atMost(WITHIN).until(() -> strategy.state() == ModuleState.UNKNOWN);
            TransitionResult again = strategy.transition(ModuleState.REGISTERED);
            assertThat(again.arrived()).as(again.describe()).isTrue();
            assertThat(again.route().moves()).containsExactly(Move.READY, Move.ATTACH, Move.CONFIGURE, Move.CREATE,
                    Move.OPEN);
        }
        await().atMost(WITHIN).until(() -> platform.devices().size() == 1);
        strategy.transition(ModuleState.ATTACHED).orThrow();
    }

    @Test
    void anUnreachablePlatformIsAFailedRegistrationWithTheEvidence() throws IOException {
        start("unreachable");
        int closed;
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        // <timeout> 2 s: the module gives up after it (3.3.7), well within the registration deadline
        // nothing registered, so no event 15 comes after the close: a short close deadline keeps the test short
        ModuleStrategy strategy = new ModuleStrategy(session, target(closed).withOpenTimeout(2).withDeadlines(
                new RegistrationTarget.Deadlines(Duration.ofSeconds(5), WITHIN, WITHIN, Duration.ofSeconds(3))));
        TransitionResult r = strategy.transition(ModuleState.REGISTERED);
        assertThat(r.arrived()).isFalse();
        TransitionFailure f = r.failure().orElseThrow();
        assertThat(f.move()).hasValue(Move.OPEN);
        assertThat(f.kind()).isEqualTo(TransitionFailure.Kind.REGISTRATION_FAILED);
        assertThat(f.message()).startsWith("registration failed with +MIPLEVENT: 0,")
                .contains("after AT+MIPLOPEN=0,86400,2");
        assertThat(r.waits()).last().satisfies(w -> assertThat(w.arrived()).isPresent());
        assertThat(r.describe()).contains("unknown -> registered stopped at created");
        // the instance is left: the way down removes it
        assertThat(strategy.state()).isEqualTo(ModuleState.CREATED);
        TransitionResult down = strategy.transition(ModuleState.ATTACHED);
        assertThat(down.arrived()).as(down.describe()).isTrue();
        assertThat(down.steps()).contains("AT+MIPLDELETE=0 -> OK");
        try {
            r.orThrow();
        } catch (TransitionFailed e) {
            assertThat(e.getMessage()).contains("register").contains("+MIPLEVENT: 0,");
            return;
        }
        throw new AssertionError("orThrow() of a failed transition did not throw");
    }
}
