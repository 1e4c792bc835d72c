package org.miplhil.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.miplhil.sim.profile.Mistake;

/**
 * Every mistake of the firmware profile, provoked through the pseudo-terminal: with AT+CMEE=1 the reply is
 * {@code +CIS ERROR: <the profile's code>}, with AT+CMEE=0 it is {@code ERROR}.
 */
class VirtualModuleErrorTest {

    static final String OBJ = "AT+MIPLADDOBJ=0,3311,1,\"1\",4,2";

    /** How to provoke one mistake: terminal options, then setup commands; returns the failing command. */
    record Scenario(Function<SimTerminal.Options, SimTerminal.Options> options, Function<SimTerminal, String> provoke) {}

    static Scenario plain(Function<SimTerminal, String> provoke) {
        return new Scenario(o -> o, provoke);
    }

    static Scenario withProfile(UnaryOperator<String> edit, Function<SimTerminal, String> provoke) {
        return new Scenario(o -> o.profile(edit), provoke);
    }

    static void ok(SimTerminal t, String command) {
        assertThat(t.send(command).finalLine()).as(command).isEqualTo("OK");
    }

    static void created(SimTerminal t) {
        ok(t, "AT+MIPLCREATE");
    }

    /** msgIds of the stand-in platform's first requests after registering (7.2.1). */
    record Registration(long observe, long discover) {}

    /** Created, one object 3311/0, registered, the observe and discover requests arrived. */
    static Registration registration(SimTerminal t) {
        created(t);
        ok(t, OBJ);
        ok(t, "AT+MIPLOPEN=0,86400");
        t.awaitLine("^\\+MIPLEVENT: 0,6$");
        long observe = msgId(t.awaitLine("^\\+MIPLOBSERVE: 0,\\d+,1,3311,0,-1$"));
        long discover = msgId(t.awaitLine("^\\+MIPLDISCOVER: 0,\\d+,3311$"));
        return new Registration(observe, discover);
    }

    /** As {@link #registration}; returns the msgId of the +MIPLOBSERVE for 3311/0. */
    static long registered(SimTerminal t) {
        return registration(t).observe();
    }

    /** Registered and the observation of 3311/0 accepted; returns its msgId. */
    static long observed(SimTerminal t) {
        long obs = registered(t);
        ok(t, "AT+MIPLOBSERVERSP=0," + obs + ",1");
        return obs;
    }

    static long msgId(String urc) {
        Matcher m = Pattern.compile("^\\+MIPL[A-Z]+: 0,(\\d+)").matcher(urc);
        assertThat(m.find()).as("msgId in " + urc).isTrue();
        return Long.parseLong(m.group(1));
    }

    static long read(SimTerminal t, int objId, int insId, int resId) {
        long id = t.platform.read(objId, insId, resId);
        t.awaitLine("^\\+MIPLREAD: 0," + id + ",");
        return id;
    }

    static String notify(long msgId, String tail) {
        return "AT+MIPLNOTIFY=0," + msgId + ",3311,0,5700," + tail;
    }

    static Scenario scenario(Mistake m) {
        return switch (m) {
            case ANY_NO_PDN -> new Scenario(o -> o
                    .profile(p -> p.replace("{line: \"+IP: ${ip-address}\", after: 50ms,", "{line: \"+IP: ${ip-address}\", after: 60s,"))
                    .bootLine("^\\+CPIN: READY$"), t -> "AT+MIPLCREATE");
            case ANY_PARAMETER -> plain(t -> {
                created(t);
                return "AT+MIPLADDOBJ=0,3311,1,\"1\",4";
            });
            case ANY_UNSUPPORTED_FORM -> plain(t -> "AT+MIPLVER=?");
            case CONFIG_INSTANCE_EXISTS -> plain(t -> {
                created(t);
                return "AT+MIPLCONFIG=0,1,1,\"183.230.40.39\",5683";
            });
            case CONFIG_PARAMETER -> plain(t -> "AT+MIPLCONFIG=0,1,2,\"183.230.40.39\",5683");
            case CREATE_NO_CONFIG -> withProfile(p -> p.replace("    value: defaults", "    value: none"), t -> "AT+MIPLCREATE");
            case CREATE_TWICE -> plain(t -> {
                created(t);
                return "AT+MIPLCREATE";
            });
            case CREATE_WITH_PARAMETERS -> plain(t -> "AT+MIPLCREATE=0");
            case DELETE_NO_INSTANCE -> plain(t -> "AT+MIPLDELETE=0");
            case ADDOBJ_NO_INSTANCE -> plain(t -> OBJ);
            case ADDOBJ_ID_RANGE -> plain(t -> {
                created(t);
                return "AT+MIPLADDOBJ=0,65536,1,\"1\",4,2";
            });
            case ADDOBJ_INS_COUNT -> plain(t -> {
                created(t);
                return "AT+MIPLADDOBJ=0,3311,9,\"111111111\",4,2";
            });
            case ADDOBJ_BITMAP_LENGTH -> plain(t -> {
                created(t);
                return "AT+MIPLADDOBJ=0,3311,2,\"1\",4,2";
            });
            case ADDOBJ_DUPLICATE -> plain(t -> {
                created(t);
                ok(t, OBJ);
                return OBJ;
            });
            case ADDOBJ_TOO_MANY -> plain(t -> {
                created(t);
                for (int i = 1; i <= t.profile.limits().maxObjects(); i++) {
                    ok(t, "AT+MIPLADDOBJ=0," + (3300 + i) + ",1,\"1\",1,0");
                }
                return OBJ;
            });
            case DELOBJ_NO_INSTANCE -> plain(t -> "AT+MIPLDELOBJ=0,3311");
            case DELOBJ_NOT_FOUND -> plain(t -> {
                created(t);
                return "AT+MIPLDELOBJ=0,3311";
            });
            case OPEN_LIFETIME_RANGE -> plain(t -> {
                created(t);
                ok(t, OBJ);
                return "AT+MIPLOPEN=0,14";
            });
            case OPEN_TIMEOUT_RANGE -> plain(t -> {
                created(t);
                ok(t, OBJ);
                return "AT+MIPLOPEN=0,86400,0";
            });
            case OPEN_NO_INSTANCE -> plain(t -> "AT+MIPLOPEN=0,86400");
            case OPEN_WHILE_REGISTERING -> new Scenario(o -> o.eventGap(Duration.ofSeconds(5)), t -> {
                created(t);
                ok(t, OBJ);
                ok(t, "AT+MIPLOPEN=0,86400");
                return "AT+MIPLOPEN=0,86400";
            });
            case OPEN_ALREADY_REGISTERED -> plain(t -> {
                registered(t);
                return "AT+MIPLOPEN=0,86400";
            });
            case CLOSE_NO_INSTANCE -> plain(t -> "AT+MIPLCLOSE=0");
            case NOTIFY_NO_INSTANCE -> plain(t -> notify(1, "4,4,25.6,0,0"));
            case NOTIFY_NO_OBSERVATION -> plain(t -> {
                long obs = registered(t); // observe requested but never accepted
                return notify(obs, "4,4,25.6,0,0");
            });
            case NOTIFY_TYPE_LENGTH -> plain(t -> notify(observed(t), "4,3,25.6,0,0"));
            case NOTIFY_FLAG_RANGE -> plain(t -> notify(observed(t), "4,4,25.6,0,3"));
            case NOTIFY_RAI_RANGE -> plain(t -> notify(observed(t), "4,4,25.6,0,0,0,3"));
            case NOTIFY_INDEX_RANGE -> plain(t -> notify(observed(t), "4,4,25.6,11,0"));
            case NOTIFY_TOO_LONG -> plain(t -> {
                long obs = observed(t);
                ok(t, notify(obs, "1,1000,\"" + "a".repeat(1000) + "\",1,0"));
                return notify(obs, "1,100,\"" + "b".repeat(100) + "\",0,0");
            });
            case RSP_NO_INSTANCE -> plain(t -> "AT+MIPLOBSERVERSP=0,1,1");
            case RSP_UNKNOWN_MSGID -> plain(t -> {
                registered(t);
                return "AT+MIPLOBSERVERSP=0,999,1";
            });
            case RSP_EXPIRED_MSGID -> withProfile(
                    p -> p.replace("answer-window: {value: 10s", "answer-window: {value: 100ms")
                            .replace("purge-after: {value: 20s", "purge-after: {value: 300ms"),
                    t -> {
                        long obs = registered(t);
                        int index = t.mark() - 1;
                        long arrived = t.arrivalNanos(Math.max(0, index));
                        // the purge is a matter of time: wait (bounded) until well past it
                        await().atMost(Duration.ofSeconds(5))
                                .until(() -> System.nanoTime() - arrived > Duration.ofMillis(600).toNanos());
                        return "AT+MIPLOBSERVERSP=0," + obs + ",1";
                    });
            case RSP_WRONG_TYPE -> plain(t -> "AT+MIPLWRITERSP=0," + registered(t) + ",2");
            case RSP_RESULT_NOT_ALLOWED -> plain(t -> "AT+MIPLOBSERVERSP=0," + registered(t) + ",2");
            case RSP_RAI_RANGE -> plain(t -> "AT+MIPLOBSERVERSP=0," + registered(t) + ",1,3");
            case READRSP_TYPE_LENGTH -> plain(t -> {
                registered(t);
                return "AT+MIPLREADRSP=0," + read(t, 3311, 0, 5805) + ",1,3311,0,5805,4,3,1.88,0,0";
            });
            case READRSP_URI_MISMATCH -> plain(t -> {
                registered(t);
                return "AT+MIPLREADRSP=0," + read(t, 3311, 0, 5805) + ",1,3311,0,5806,4,4,1.88,0,0";
            });
            case READRSP_TOO_LONG -> plain(t -> {
                registered(t);
                long id = read(t, 3311, 0, -1);
                ok(t, "AT+MIPLREADRSP=0," + id + ",1,3311,0,5750,1,1000,\"" + "a".repeat(1000) + "\",1,0");
                return "AT+MIPLREADRSP=0," + id + ",1,3311,0,5751,1,100,\"" + "b".repeat(100) + "\",0,0";
            });
            case DISCOVERRSP_LENGTH_MISMATCH -> plain(t -> {
                long d = registration(t).discover();
                return "AT+MIPLDISCOVERRSP=0," + d + ",1,18,\"5850;5851;5706;5805\"";
            });
            case DISCOVERRSP_TOO_LONG -> plain(t -> {
                long d = registration(t).discover();
                return "AT+MIPLDISCOVERRSP=0," + d + ",1,256,\"" + "5".repeat(256) + "\"";
            });
            case UPDATE_NO_INSTANCE -> plain(t -> "AT+MIPLUPDATE=0,86400,0");
            case UPDATE_NOT_REGISTERED -> plain(t -> {
                created(t);
                return "AT+MIPLUPDATE=0,86400,0";
            });
            case UPDATE_LIFETIME_RANGE -> plain(t -> {
                created(t);
                return "AT+MIPLUPDATE=0,10,0";
            });
        };
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(Mistake.values()).flatMap(m -> Stream.of(Arguments.of(m, 1), Arguments.of(m, 0)));
    }

    @ParameterizedTest(name = "{0} with AT+CMEE={1}")
    @MethodSource("mistakes")
    void everyMistakeGetsTheProfilesCode(Mistake mistake, int cmee) throws Exception {
        Scenario s = scenario(mistake);
        try (SimTerminal t = s.options().apply(SimTerminal.with()).start()) {
            ok(t, "AT+CMEE=" + cmee);
            String command = s.provoke().apply(t);
            String expected = cmee == 1 ? "+CIS ERROR: " + t.profile.code(mistake) : "ERROR";
            assertThat(t.send(command).lines()).as("%s: %s", mistake.id(), command).containsExactly(expected);
        }
    }

    @Test
    void theCodeIsTheProfilesNotTheCodes() throws Exception {
        var profile = SimTerminal.profile(p -> p.replace("create.twice: {value: 653", "create.twice: {value: 651"));
        try (SimTerminal t = SimTerminal.with().profile(profile).start()) {
            created(t);
            assertThat(t.send("AT+MIPLCREATE").lines()).containsExactly("+CIS ERROR: 651");
        }
    }

    @Test
    void aFailedCommandChangesNothing() throws Exception {
        try (SimTerminal t = SimTerminal.start()) {
            created(t);
            assertThat(t.send("AT+MIPLADDOBJ=0,3311,2,\"1\",4,2").finalLine()).isEqualTo("+CIS ERROR: 652");
            // the object was not added: deleting it is "not found"
            assertThat(t.send("AT+MIPLDELOBJ=0,3311").lines()).containsExactly("+CIS ERROR: 655");
        }
    }
}
