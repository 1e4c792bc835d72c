package org.miplhil.suite;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.miplhil.at.RequestType;

/**
 * One step of a suite's setup, case or teardown. Each record is one kind of step; {@link Visitor} lets an executor
 * handle every kind with the compiler checking that none is missing. Every step knows where it was written.
 */
public sealed interface Step {

    /** The default deadline of a command's final result: chapter 3 gives every MIPL command 5 s. */
    Duration DEFAULT_RESPONSE_TIME = Duration.ofSeconds(5);

    Position position();

    /** The step's key in a suite ({@code send}, {@code expect-urc}, ...). */
    String word();

    <R> R accept(Visitor<R> visitor);

    interface Visitor<R> {
        R send(Send step);

        R expectUrc(ExpectUrc step);

        R expectUrcs(ExpectUrcs step);

        R expectNoUrc(ExpectNoUrc step);

        R answer(Answer step);

        R mcu(Mcu step);

        R platform(Platform step);

        R expectPlatform(ExpectPlatform step);

        R await(Wait step);

        R simFaults(SimFaults step);

        R power(Power step);

        R fota(Fota step);

        R expectFota(ExpectFota step);

        R sleep(Sleep step);

        R wake(Wake step);

        R state(State step);

        R network(Network step);
    }

    /**
     * Sends a command and checks its reply: the final result within {@code within}, and, when {@code lines} is
     * given, every information line in order (no more, no fewer). Captures of {@code lines} become variables.
     * {@code urcsBefore}: URCs that must arrive no later than its final result, in that order (a command the
     * module answers only once something happened: 3.3.8's delete after event 15).
     */
    record Send(Template command, ResultExpectation expect, Optional<List<TextMatch>> lines, Duration within,
                Position position, List<TextMatch> urcsBefore) implements Step {
        public Send {
            lines = lines.map(List::copyOf);
            urcsBefore = urcsBefore == null ? List.of() : List.copyOf(urcsBefore);
        }

        public Send(Template command, ResultExpectation expect, Optional<List<TextMatch>> lines, Duration within,
                    Position position) {
            this(command, expect, lines, within, position, List.of());
        }

        @Override
        public String word() {
            return "send";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.send(this);
        }
    }

    /** One URC matching {@code urc} arrives within {@code within} of {@code since}; its captures become variables. */
    record ExpectUrc(TextMatch urc, Duration within, Since since, Position position) implements Step {
        @Override
        public String word() {
            return "expect-urc";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.expectUrc(this);
        }
    }

    /**
     * Several URCs, in order or in any order, all within {@code within} of {@code since}. In order, a pattern may use
     * the variables captured by the patterns before it (bind them as each one matches).
     */
    record ExpectUrcs(List<TextMatch> urcs, UrcOrder order, Duration within, Since since, Position position)
            implements Step {
        public ExpectUrcs {
            urcs = List.copyOf(urcs);
        }

        @Override
        public String word() {
            return "expect-urcs";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.expectUrcs(this);
        }
    }

    /** No URC matching {@code urc} arrives during {@code during} from {@code since}. */
    record ExpectNoUrc(TextMatch urc, Duration during, Since since, Position position) implements Step {
        @Override
        public String word() {
            return "expect-no-urc";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.expectNoUrc(this);
        }
    }

    /**
     * Answers a URC by hand: waits for it (as {@link ExpectUrc}), waits {@code after} more (zero: at once), then
     * sends each command of {@code with}, each expected to end with {@code expect} within 5 s.
     */
    record Answer(TextMatch urc, Duration within, Since since, Duration after, List<Template> with,
                  ResultExpectation expect, Position position) implements Step {
        public Answer {
            with = List.copyOf(with);
        }

        @Override
        public String word() {
            return "answer";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.answer(this);
        }
    }

    /**
     * Sets how the MCU application treats request URCs of the given kinds from now on, until the case ends.
     * {@code delay}: how long after the URC it answers ({@code auto}: optional, default at once; {@code late}: past
     * {@link #ANSWER_WINDOW}).
     */
    record Mcu(McuMode mode, Set<RequestType> kinds, Optional<Duration> delay, Position position) implements Step {
        /** 5.1-5.6: the MCU answers a request URC within 10 s of its output. */
        public static final Duration ANSWER_WINDOW = Duration.ofSeconds(10);

        public Mcu {
            kinds = Set.copyOf(kinds);
        }

        @Override
        public String word() {
            return "mcu";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.mcu(this);
        }
    }

    /**
     * The platform sends a request and does not wait for the answer (the suite may have to answer by hand first);
     * {@code expect-platform: response} checks it later, by its name {@code as} or as the latest request. The
     * platform gives up after {@code timeout} (empty: {@link #DEFAULT_TIMEOUT}).
     */
    record Platform(PlatformOperation operation, Optional<String> as, Optional<Duration> timeout, Position position)
            implements Step {
        /** How long the platform waits for the device's answer when the suite does not say: OneNET's default. */
        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(25);

        @Override
        public String word() {
            return "platform";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.platform(this);
        }
    }

    /** The platform received what is described, within {@code within} of {@code since}. */
    record ExpectPlatform(PlatformExpectation expectation, Duration within, Since since, Position position)
            implements Step {
        @Override
        public String word() {
            return "expect-platform";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.expectPlatform(this);
        }
    }

    /**
     * The network between module and platform from this step on (docs/suites.md, "network" steps): the relay takes
     * these conditions in the middle of the case, e.g. every uplink datagram lost once the module has registered.
     * Only in a case that has conditions already (its own {@code network:} or its suite's).
     */
    record Network(org.miplhil.network.NetworkConditions conditions, Position position) implements Step {
        @Override
        public String word() {
            return "network";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.network(this);
        }
    }

    /** A pause of the given length: not a synchronization (expect what you wait for instead). */
    record Wait(Duration duration, Position position) implements Step {
        @Override
        public String word() {
            return "wait";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.await(this);
        }
    }

    /** Installs or clears the virtual module's fault plan; a case with this step needs the virtual module. */
    record SimFaults(FaultSource source, Position position) implements Step {
        @Override
        public String word() {
            return "sim-faults";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.simFaults(this);
        }
    }

    /**
     * Acts on the module's supply. {@code cutAt}: first wait (up to {@code within}) for the trigger; {@code after}:
     * then wait this long; {@code offFor}: for {@code cycle}, how long the supply stays off; {@code recover}: what the
     * harness does once the supply is back ({@code on}, {@code cycle}), the module's readiness awaited up to
     * {@code readyWithin}.
     */
    record Power(PowerAction action, Optional<CutTrigger> cutAt, Optional<Duration> within, Duration after,
                 Duration offFor, Recovery recover, Duration readyWithin, Position position) implements Step {
        /** How long {@code cycle} leaves the module unpowered when the suite does not say. */
        public static final Duration DEFAULT_OFF_TIME = Duration.ofSeconds(2);
        /** How long a recovery waits for RDY and the data connection when the suite does not say. */
        public static final Duration DEFAULT_READY_TIME = Duration.ofSeconds(60);

        /** A power step without a trigger or a recovery. */
        public Power(PowerAction action, Optional<CutTrigger> cutAt, Optional<Duration> within, Duration after,
                     Duration offFor, Position position) {
            this(action, cutAt, within, after, offFor, Recovery.NONE, DEFAULT_READY_TIME, position);
        }

        @Override
        public String word() {
            return "power";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.power(this);
        }
    }

    /**
     * A FOTA campaign for the device (7.10.5, 7.10.6). {@code started-by: platform} (the default): the platform
     * serves {@code packageFile} and runs the campaign, expecting the device to report {@code version} afterwards.
     * {@code started-by: console}: someone starts the task in OneNET's console (it has no API for it), the harness
     * starts nothing and follows the module's side of 6.1; {@code within} is how long it waits for the task to reach
     * the module ({@code +MIPLEVENT: 0,40}). The step goes on at once; {@code expect-fota} awaits the end.
     */
    record Fota(FotaStarter startedBy, Optional<java.nio.file.Path> packageFile, Template version, FotaTrigger trigger,
                Optional<Duration> stepTimeout, Optional<Duration> phaseTimeout, Optional<Duration> within,
                Position position) implements Step {
        /** The platform's campaign (the form every suite had before {@code started-by}). */
        public Fota(java.nio.file.Path packageFile, Template version, FotaTrigger trigger, Optional<Duration> stepTimeout,
                    Optional<Duration> phaseTimeout, Position position) {
            this(FotaStarter.PLATFORM, Optional.of(packageFile), version, trigger, stepTimeout, phaseTimeout,
                    Optional.empty(), position);
        }

        @Override
        public String word() {
            return "fota";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.fota(this);
        }
    }

    /** Who starts the campaign: the harness through the platform, or a person in OneNET's console. */
    enum FotaStarter {
        PLATFORM("platform"), CONSOLE("console");

        private final String word;

        FotaStarter(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    /** When the platform starts a campaign: at once, or at the device's next uplink (6.2). */
    enum FotaTrigger {
        NOW("now"), NEXT_UPLINK("next-uplink");

        private final String word;

        FotaTrigger(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    /** The case's FOTA campaign ends as {@code expectation} says, within {@code within} of the latest action. */
    record ExpectFota(FotaExpectation expectation, Duration within, Position position) implements Step {
        @Override
        public String word() {
            return "expect-fota";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.expectFota(this);
        }
    }

    /**
     * Awaits the module's sleep ({@code AT+QSCLK}; docs/suites.md): {@code deep} within {@code within} (the virtual
     * module's state; on hardware the profile's {@code sleep.enter-deep-line}), or {@code light} (the virtual module
     * only: light sleep says nothing on the UART).
     */
    record Sleep(SleepLevel level, Duration within, Position position) implements Step {
        /** The shipped profile sleeps 20 s + 10 s after the last data: room for both and some. */
        public static final Duration DEFAULT_WITHIN = Duration.ofSeconds(45);

        @Override
        public String word() {
            return "sleep";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.sleep(this);
        }
    }

    /** How deep a {@code sleep} step awaits. */
    enum SleepLevel {
        LIGHT, DEEP;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * Wakes the module {@code by} the PSM_EINT pin (the virtual module's input, or the rack's {@code wake:} channel)
     * and awaits it awake within {@code within}: on hardware the profile's {@code sleep.exit-deep-line}.
     */
    record Wake(WakeSource by, Duration within, Position position) implements Step {
        public static final Duration DEFAULT_WITHIN = Duration.ofSeconds(5);

        @Override
        public String word() {
            return "wake";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.wake(this);
        }
    }

    /** What a {@code wake} step pulls. */
    enum WakeSource {
        PSM_EINT;

        public String word() {
            return "psm-eint";
        }
    }

    /**
     * Brings the module to {@code state} through the case's module strategy (docs/dut.md, "Module states"): what
     * "registered" means is the rest: the objects' {@code AT+MIPLADDOBJ} from the suite's object models (empty: all
     * of them), the {@code AT+MIPLCONFIG} (to the platform's server or its bootstrap server, or none), the
     * {@code AT+MIPLOPEN} parameters. Before the transition, {@code AT+CMEE=<cmee>} and, with {@code deleteFirst},
     * {@code AT+MIPLDELETE=0} whatever it answers (an instance an earlier run left).
     *
     * @param objects      object ids in the order of {@code AT+MIPLADDOBJ}; empty: every object of the fixtures
     * @param allObjects   whether {@code objects} was left out (every object of the fixtures)
     * @param config       whether {@code AT+MIPLCONFIG} is sent (false: the module's own configuration)
     * @param bootstrap    {@code <bsMode>} 1 and the platform's bootstrap port, else 0 and its server port (3.3.1)
     * @param dataFormat   {@code <recv_data_format>} (3.3.1)
     * @param autoUpdate   {@code <auto_update>}; empty: left out
     * @param lifetime     {@code <lifetime>} of {@code AT+MIPLOPEN} (a template: a variable may give it)
     * @param openTimeout  {@code <timeout>} of {@code AT+MIPLOPEN}
     * @param within       how long the registration (event 6) may take after {@code AT+MIPLOPEN}
     */
    record State(org.miplhil.dut.state.ModuleState state, List<Integer> objects, boolean allObjects, boolean config,
                 boolean bootstrap, int dataFormat, java.util.OptionalInt autoUpdate, Template lifetime,
                 int openTimeout, Duration within, java.util.OptionalInt cmee, boolean deleteFirst,
                 Position position) implements Step {
        public State {
            objects = List.copyOf(objects);
        }

        @Override
        public String word() {
            return "state";
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.state(this);
        }
    }
}
