package org.miplhil.sim;

import org.miplhil.sim.registrar.PlatformResponse;
import org.miplhil.sim.registrar.ResourceValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.miplhil.sim.VirtualModuleErrorTest.created;
import static org.miplhil.sim.VirtualModuleErrorTest.observed;
import static org.miplhil.sim.VirtualModuleErrorTest.ok;
import static org.miplhil.sim.VirtualModuleErrorTest.read;
import static org.miplhil.sim.VirtualModuleErrorTest.registration;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.miplhil.sim.profile.FirmwareProfile;
import org.miplhil.sim.profile.FirmwareProfile.CloseWhenIdle;
import org.miplhil.sim.profile.FirmwareProfile.NotifyMatch;
import org.miplhil.sim.profile.FirmwareProfile.Parsing;
import org.miplhil.sim.profile.Mistake;
import org.miplhil.sim.profile.ProfileLoader;

/**
 * The profile's {@code parsing} rules through the pseudo-terminal: each command is sent to a module with the
 * shipped profile (the XY1100 AT layer's leniency) and to one with the strict profile (the note's form), and each
 * gets the answer its profile's rule gives.
 */
class VirtualModuleParsingTest {

    static final Path STRICT = Path.of("fixtures/firmware/bc260y-cn-strict.yaml");

    static Parsing strictParsing() {
        return ProfileLoader.load(STRICT).orElseThrow().parsing();
    }

    /** The quick-booting test profile with the shipped profile's parsing rules, or the strict file's. */
    static FirmwareProfile profile(boolean strict) {
        FirmwareProfile p = SimTerminal.profile();
        return strict ? p.withParsing(strictParsing()) : p;
    }

    /** OK where the profile takes the form, the mistake's code where it does not. */
    static String answer(boolean accepted, FirmwareProfile p, Mistake refused) {
        return accepted ? "OK" : "+CIS ERROR: " + p.code(refused);
    }

    /** One command the note writes otherwise; the setup returns the command, the mistake when quotes are required. */
    record Form(String name, Function<SimTerminal, String> command, Mistake refused) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Form> quotingForms() {
        return Stream.of(
                new Form("AT+MIPLADDOBJ with an unquoted insBitmap", t -> {
                    created(t);
                    return "AT+MIPLADDOBJ=0,3311,1,1,4,2";
                }, Mistake.ANY_PARAMETER),
                new Form("AT+MIPLADDOBJ with a quoted objId", t -> {
                    created(t);
                    return "AT+MIPLADDOBJ=0,\"3311\",1,\"1\",4,2";
                }, Mistake.ANY_PARAMETER),
                new Form("AT+MIPLNOTIFY with a quoted float", t -> VirtualModuleErrorTest.notify(observed(t), "4,4,\"25.6\",0,0"),
                        Mistake.NOTIFY_TYPE_LENGTH),
                new Form("AT+MIPLNOTIFY with a quoted hex value", t -> VirtualModuleErrorTest.notify(observed(t), "2,2,\"0A1B\",0,0"),
                        Mistake.NOTIFY_TYPE_LENGTH),
                new Form("AT+MIPLNOTIFY with a quoted integer", t -> VirtualModuleErrorTest.notify(observed(t), "3,2,\"25\",0,0"),
                        Mistake.NOTIFY_TYPE_LENGTH),
                new Form("AT+MIPLNOTIFY with an unquoted string", t -> VirtualModuleErrorTest.notify(observed(t), "1,5,hello,0,0"),
                        Mistake.NOTIFY_TYPE_LENGTH),
                new Form("AT+MIPLREADRSP with an unquoted string", t -> {
                    registration(t);
                    return "AT+MIPLREADRSP=0," + read(t, 3311, 0, 5701) + ",1,3311,0,5701,1,3,Cel,0,0";
                }, Mistake.READRSP_TYPE_LENGTH),
                new Form("AT+MIPLDISCOVERRSP with an unquoted list", t -> {
                    long d = registration(t).discover();
                    return "AT+MIPLDISCOVERRSP=0," + d + ",1,9,5850;5851";
                }, Mistake.ANY_PARAMETER),
                new Form("AT+MIPLOBSERVERSP with a quoted result", t -> {
                    long obs = registration(t).observe();
                    return "AT+MIPLOBSERVERSP=0," + obs + ",\"1\"";
                }, Mistake.ANY_PARAMETER));
    }

    static Stream<Arguments> quotingCases() {
        return quotingForms().flatMap(f -> Stream.of(Arguments.of(f, false), Arguments.of(f, true)));
    }

    @ParameterizedTest(name = "{0}, strict profile: {1}")
    @MethodSource("quotingCases")
    void quotesAreOptionalAsTheProfileSays(Form form, boolean strict) throws Exception {
        FirmwareProfile p = profile(strict);
        try (SimTerminal t = SimTerminal.with().profile(p).start()) {
            ok(t, "AT+CMEE=1");
            String command = form.command().apply(t);
            assertThat(t.send(command).lines()).as("%s (parsing.quotes-optional: %s)", command,
                    p.parsing().quotesOptional()).containsExactly(answer(p.parsing().quotesOptional(), p, form.refused()));
        }
    }

    @ParameterizedTest(name = "strict profile: {0}")
    @MethodSource("bothProfiles")
    void aLenientValueReachesThePlatformAsTheNoteWritesIt(boolean strict) throws Exception {
        FirmwareProfile p = profile(strict);
        try (SimTerminal t = SimTerminal.with().profile(p).start()) {
            long obs = observed(t);
            String reply = t.send(VirtualModuleErrorTest.notify(obs, "1,5,hello,0,0")).finalLine();
            if (p.parsing().quotesOptional()) {
                assertThat(reply).isEqualTo("OK");
                await().atMost(SimTerminal.DEADLINE).until(() -> !t.platform.notifications().isEmpty());
                ResourceValue v = t.platform.notifications().get(0).values().get(0);
                assertThat(v.value()).isEqualTo("hello");
            } else {
                assertThat(reply).isEqualTo("+CIS ERROR: " + p.code(Mistake.NOTIFY_TYPE_LENGTH));
                assertThat(t.platform.notifications()).isEmpty();
            }
        }
    }

    static Stream<Arguments> bothProfiles() {
        return Stream.of(Arguments.of(false), Arguments.of(true));
    }

    @ParameterizedTest(name = "strict profile: {0}")
    @MethodSource("bothProfiles")
    void anUnquotedStringStillHasItsLength(boolean strict) throws Exception {
        FirmwareProfile p = profile(strict);
        try (SimTerminal t = SimTerminal.with().profile(p).start()) {
            assertThat(t.send(VirtualModuleErrorTest.notify(observed(t), "1,4,hello,0,0")).lines())
                    .containsExactly("+CIS ERROR: " + p.code(Mistake.NOTIFY_TYPE_LENGTH));
        }
    }

    @ParameterizedTest(name = "strict profile: {0}")
    @MethodSource("bothProfiles")
    void hexIntegersAsTheProfileSays(boolean strict) throws Exception {
        FirmwareProfile p = profile(strict);
        try (SimTerminal t = SimTerminal.with().profile(p).start()) {
            created(t);
            ok(t, VirtualModuleErrorTest.OBJ);
            String reply = t.send("AT+MIPLOPEN=0,0x15180,0x1E").finalLine();
            assertThat(reply).isEqualTo(answer(p.parsing().hexIntegers(), p, Mistake.ANY_PARAMETER));
            if (p.parsing().hexIntegers()) {
                t.awaitLine("^\\+MIPLEVENT: 0,6$");
                assertThat(t.platform.openRequest().orElseThrow().lifetimeSeconds()).isEqualTo(86400);
            }
        }
    }

    @ParameterizedTest(name = "strict profile: {0}")
    @MethodSource("bothProfiles")
    void aTrailingSemicolonOfTheDiscoverListAsTheProfileSays(boolean strict) throws Exception {
        FirmwareProfile p = profile(strict);
        try (SimTerminal t = SimTerminal.with().profile(p).start()) {
            long d = registration(t).discover();
            String reply = t.send("AT+MIPLDISCOVERRSP=0," + d + ",1,11,\"5850;;5851;\"").finalLine();
            boolean lenient = p.parsing().discoverListSplit() == FirmwareProfile.DiscoverListSplit.SKIP_EMPTY;
            assertThat(reply).isEqualTo(answer(lenient, p, Mistake.ANY_PARAMETER));
            if (lenient) {
                await().atMost(SimTerminal.DEADLINE).until(() -> !t.platform.responses().isEmpty());
                assertThat(t.platform.responses()).singleElement()
                        .isInstanceOfSatisfying(PlatformResponse.Discover.class,
                                r -> assertThat(r.resIds()).containsExactly(5850, 5851));
            }
        }
    }

    @ParameterizedTest(name = "strict profile: {0}")
    @MethodSource("bothProfiles")
    void theDiscoverLengthCountsTheListAsWritten(boolean strict) throws Exception {
        FirmwareProfile p = profile(strict);
        try (SimTerminal t = SimTerminal.with().profile(p).start()) {
            long d = registration(t).discover();
            // 4 is the length of "5850", not of "5850;" as written
            assertThat(t.send("AT+MIPLDISCOVERRSP=0," + d + ",1,4,\"5850;\"").lines())
                    .containsExactly("+CIS ERROR: " + p.code(Mistake.DISCOVERRSP_LENGTH_MISMATCH));
        }
    }

    static Stream<Arguments> notifyMatches() {
        return Stream.of(Arguments.of(NotifyMatch.MSGID), Arguments.of(NotifyMatch.PATH));
    }

    @ParameterizedTest(name = "notify-match: {0}")
    @MethodSource("notifyMatches")
    void aNotifyWithAnotherMsgIdAsTheProfileSays(NotifyMatch match) throws Exception {
        Parsing base = SimTerminal.profile().parsing();
        FirmwareProfile p = SimTerminal.profile().withParsing(new Parsing(base.quotesOptional(), base.hexIntegers(),
                base.discoverListSplit(), match, base.closeWhenIdle()));
        try (SimTerminal t = SimTerminal.with().profile(p).start()) {
            long obs = observed(t); // 3311/0, every resource
            long other = obs + 1000;
            String reply = t.send(VirtualModuleErrorTest.notify(other, "4,4,25.6,0,0")).finalLine();
            if (match == NotifyMatch.MSGID) {
                assertThat(reply).isEqualTo("+CIS ERROR: " + p.code(Mistake.NOTIFY_NO_OBSERVATION));
            } else {
                // VER_QUECTEL: the observation of 3311/0 is found by path and its msgId replaces the one written
                assertThat(reply).isEqualTo("OK");
                await().atMost(SimTerminal.DEADLINE).until(() -> !t.platform.notifications().isEmpty());
                assertThat(t.platform.notifications().get(0).msgId()).isEqualTo(obs);
                // a path nobody observes is still refused
                assertThat(t.send("AT+MIPLNOTIFY=0," + obs + ",3311,1,5700,4,4,25.6,0,0").lines())
                        .containsExactly("+CIS ERROR: " + p.code(Mistake.NOTIFY_NO_OBSERVATION));
            }
        }
    }

    static Stream<Arguments> closeWhenIdle() {
        return Stream.of(Arguments.of(CloseWhenIdle.OK), Arguments.of(CloseWhenIdle.REFUSE));
    }

    @ParameterizedTest(name = "close-when-idle: {0}")
    @MethodSource("closeWhenIdle")
    void closeWithNothingRegisteredAsTheProfileSays(CloseWhenIdle rule) throws Exception {
        Parsing base = SimTerminal.profile().parsing();
        FirmwareProfile p = SimTerminal.profile().withParsing(new Parsing(base.quotesOptional(), base.hexIntegers(),
                base.discoverListSplit(), base.notifyMatch(), rule));
        try (SimTerminal t = SimTerminal.with().profile(p).start()) {
            created(t);
            assertThat(t.send("AT+MIPLCLOSE=0").lines())
                    .containsExactly(answer(rule == CloseWhenIdle.OK, p, Mistake.ANY_PARAMETER));
            // either way the instance is still there and registers
            ok(t, VirtualModuleErrorTest.OBJ);
            ok(t, "AT+MIPLOPEN=0,86400");
            t.awaitLine("^\\+MIPLEVENT: 0,6$");
        }
    }

    @Test
    void theShippedProfileFollowsTheAtLayerAndTheStrictOneTheNote() {
        FirmwareProfile shipped = ProfileLoader.load(SimTerminal.PROFILE).orElseThrow();
        assertThat(shipped.parsing()).isEqualTo(Parsing.AT_LAYER);
        assertThat(strictParsing()).isEqualTo(Parsing.NOTE);
        // the strict profile is the shipped one in everything else
        FirmwareProfile strict = ProfileLoader.load(STRICT).orElseThrow();
        assertThat(strict.withParsing(Parsing.AT_LAYER).errors()).isEqualTo(shipped.errors());
        assertThat(strict.mipl()).isEqualTo(shipped.mipl());
        assertThat(strict.entry("parsing.quotes-optional").orElseThrow().source().detail()).isEqualTo("3.1.2");
        assertThat(List.of(strict.identity(), strict.limits(), strict.lwm2m()))
                .isEqualTo(List.of(shipped.identity(), shipped.limits(), shipped.lwm2m()));
    }

    @Test
    void aStrictModuleStillTakesTheNotesForms() throws Exception {
        FirmwareProfile p = profile(true);
        try (SimTerminal t = SimTerminal.with().profile(p).start()) {
            long obs = observed(t);
            ok(t, VirtualModuleErrorTest.notify(obs, "1,5,\"hello\",1,0"));
            ok(t, VirtualModuleErrorTest.notify(obs, "2,2,0A1B,0,0"));
            await().atMost(Duration.ofSeconds(5)).until(() -> !t.platform.notifications().isEmpty());
        }
    }
}
