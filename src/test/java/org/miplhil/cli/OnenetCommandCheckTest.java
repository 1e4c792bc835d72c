package org.miplhil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.platform.http.OneNetHttpApi;
import org.miplhil.platform.leshan.LeshanPlatform;
import org.miplhil.platform.onenet.OneNetCredentials;
import org.miplhil.platform.onenet.push.PushReceiver;
import picocli.CommandLine;

/**
 * {@code ./mipl-hil onenet check} in-process against the double on loopback (its legacy API over an embedded
 * platform) and the push receiver: every item OK; a wrong API key, an unreachable push URL and a push URL answered by
 * a receiver with another token are 1; a missing variable, a push URL without a token and no IMEI are 2. No
 * credential is printed.
 */
class OnenetCommandCheckTest {

    static final String IMEI = "866971030000091";
    static final String IMSI = "460041234567891";
    static final String KEY = "legacy-api-key-of-the-lab";
    static final String TOKEN = "push-token-of-the-lab";

    private LeshanPlatform leshan;
    private OneNetHttpApi api;

    private record Result(int exit, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }

        /** The line of one item. */
        String item(String name) {
            return lines().stream().filter(l -> l.startsWith(name + ": ")).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + name + " line in:\n" + out + err));
        }
    }

    @BeforeEach
    void start() throws IOException {
        leshan = LeshanPlatform.builder().start();
        api = OneNetHttpApi.builder(leshan).address(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .credentials(new OneNetCredentials(Optional.of(KEY), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty())).start();
    }

    @AfterEach
    void stop() {
        api.close();
        leshan.close();
    }

    private String doubleUrl() {
        return "http://127.0.0.1:" + api.port();
    }

    private static Map<String, String> env(String apiKey, String token) {
        Map<String, String> env = new HashMap<>();
        if (apiKey != null) {
            env.put(OneNetCredentials.API_KEY, apiKey);
        }
        if (token != null) {
            env.put(OneNetCredentials.PUSH_TOKEN, token);
        }
        return env;
    }

    private static Result check(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cli = new CommandLine(new OnenetCommandCheck(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env));
        cli.setExitCodeExceptionMapper(t -> 2);
        cli.getCommandSpec().exitCodeOnInvalidInput(2);
        int exit = cli.execute(args);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A loopback port nothing listens on (as the system just gave it back). */
    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void assertNoSecret(Result r) {
        assertThat(r.out() + r.err()).doesNotContain(KEY).doesNotContain(TOKEN).doesNotContain("not-the-lab-s-key");
    }

    @Test
    void everyItemPassesAgainstTheDoubleWithThePushUrlReachingTheReceiver() throws IOException {
        String push = "http://127.0.0.1:" + freePort() + "/onenet/push";
        Result r = check(env(KEY, TOKEN), "--onenet-url", doubleUrl(), "--push-url", push, "--imei", IMEI,
                "--imsi", IMSI);
        assertThat(r.exit()).as("%s%s", r.out(), r.err()).isZero();
        assertThat(r.lines()).hasSize(5).allMatch(l -> l.matches("\\w+: OK .*"));
        assertThat(r.item("credentials")).contains("accepted by " + doubleUrl());
        assertThat(r.item("device")).contains(IMEI);
        assertThat(r.item("online")).contains("offline");
        assertThat(r.item("push")).contains(push + " verified").contains("reached this receiver");
        assertThat(api.devices().byImei(IMEI)).as("the device was created with its IMSI")
                .hasValueSatisfying(d -> assertThat(d.imsi()).isEqualTo(IMSI));
        assertNoSecret(r);

        // a second check finds the device the first one created; without a push URL the push item says so
        Result again = check(env(KEY, null), "--onenet-url", doubleUrl(), "--imei", IMEI);
        assertThat(again.exit()).as("%s%s", again.out(), again.err()).isZero();
        assertThat(again.item("push")).contains("no push URL");
    }

    @Test
    void aWrongApiKeyIsAPlatformAnswer() {
        Result r = check(env("not-the-lab-s-key", null), "--onenet-url", doubleUrl(), "--imei", IMEI, "--imsi", IMSI);
        assertThat(r.exit()).as("%s%s", r.out(), r.err()).isEqualTo(1);
        assertThat(r.item("credentials")).contains("PLATFORM");
        assertThat(r.item("device")).contains("NOT_CHECKED");
        assertThat(api.devices().all()).as("nothing created with a refused key").isEmpty();
        assertNoSecret(r);
    }

    @Test
    void aMissingVariableIsConfiguration() {
        Result r = check(env(null, null), "--onenet-url", doubleUrl(), "--imei", IMEI, "--imsi", IMSI);
        assertThat(r.exit()).as("%s%s", r.out(), r.err()).isEqualTo(2);
        assertThat(r.item("credentials")).contains("CONFIGURATION").contains(OneNetCredentials.API_KEY);

        Result current = check(env(KEY, null), "--onenet-api", "current", "--onenet-url", doubleUrl(), "--imei", IMEI);
        assertThat(current.exit()).isEqualTo(2);
        assertThat(current.item("credentials")).contains(OneNetCredentials.USER_ID);
    }

    @Test
    void aPushUrlWhereNothingListensIsUnreachable() throws IOException {
        String push = "http://127.0.0.1:" + freePort() + "/onenet/push";
        Result r = check(env(KEY, TOKEN), "--onenet-url", doubleUrl(), "--push-url", push, "--push-bind",
                "127.0.0.1:0", "--imei", IMEI, "--imsi", IMSI);
        assertThat(r.exit()).as("%s%s", r.out(), r.err()).isEqualTo(1);
        assertThat(r.item("device")).contains("OK");
        assertThat(r.item("push")).contains("PLATFORM").contains(push + " is unreachable")
                .contains("forward it to this receiver");
        assertNoSecret(r);
    }

    @Test
    void aPushUrlAnsweredByAReceiverWithAnotherTokenFails() throws IOException {
        try (PushReceiver other = PushReceiver.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                "/onenet/push", Optional.of("another-token"), Optional.empty(), m -> { })) {
            Result r = check(env(KEY, TOKEN), "--onenet-url", doubleUrl(), "--push-url", other.uri().toString(),
                    "--push-bind", "127.0.0.1:0", "--imei", IMEI, "--imsi", IMSI);
            assertThat(r.exit()).as("%s%s", r.out(), r.err()).isEqualTo(1);
            assertThat(r.item("push")).contains("PLATFORM").contains("HTTP 403")
                    .contains("not from this receiver").contains(OneNetCredentials.PUSH_TOKEN);
            assertThat(other.refused()).as("the other receiver refused the signature").isEqualTo(1);
            assertNoSecret(r);
        }
    }

    @Test
    void aPushUrlAnsweredBySomeOtherServerWithMsgDoesNotPass() throws IOException {
        // a receiver with the same token, but not this check's: the answer is right, the way is not
        try (PushReceiver other = PushReceiver.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                "/onenet/push", Optional.of(TOKEN), Optional.empty(), m -> { })) {
            Result r = check(env(KEY, TOKEN), "--onenet-url", doubleUrl(), "--push-url", other.uri().toString(),
                    "--push-bind", "127.0.0.1:0", "--imei", IMEI, "--imsi", IMSI);
            assertThat(r.exit()).as("%s%s", r.out(), r.err()).isEqualTo(1);
            assertThat(r.item("push")).contains("not through this receiver");
            assertThat(other.urlChecks()).isEqualTo(1);
        }
    }

    @Test
    void configurationProblemsAreExit2BeforeAnythingIsSent() throws IOException {
        Result noImei = check(env(KEY, TOKEN), "--onenet-url", doubleUrl());
        assertThat(noImei.exit()).isEqualTo(2);
        assertThat(noImei.err()).contains("no IMEI: give --imei IMEI or --rack FILE");

        Result badUrl = check(env(KEY, TOKEN), "--onenet-url", "ftp://x", "--imei", IMEI);
        assertThat(badUrl.exit()).isEqualTo(2);
        assertThat(badUrl.err()).contains("--onenet-url");

        Result badBind = check(env(KEY, TOKEN), "--onenet-url", doubleUrl(), "--push-url",
                "http://127.0.0.1:9/p", "--push-bind", "nowhere", "--imei", IMEI);
        assertThat(badBind.exit()).isEqualTo(2);
        assertThat(badBind.err()).contains("--push-bind must be HOST:PORT");

        Result embedded = check(env(KEY, TOKEN), "--platform", "embedded", "--imei", IMEI);
        assertThat(embedded.exit()).isEqualTo(2);
        assertThat(api.devices().all()).as("nothing was created").isEmpty();

        // the push item's own configuration: the adapter's items are checked all the same
        Result noToken = check(env(KEY, null), "--onenet-url", doubleUrl(), "--push-url",
                "http://127.0.0.1:" + freePort() + "/p", "--imei", IMEI, "--imsi", IMSI);
        assertThat(noToken.exit()).isEqualTo(2);
        assertThat(noToken.item("device")).contains("OK");
        assertThat(noToken.item("push")).contains("CONFIGURATION").contains("set " + OneNetCredentials.PUSH_TOKEN);
    }

    @Test
    void theRackGivesTheImeiTheAddressesAndTheCredentialsVariables(@TempDir Path dir) throws IOException {
        Path profile = Path.of("fixtures/firmware/bc260y-cn.yaml").toAbsolutePath();
        Path rack = Files.writeString(dir.resolve("lab.yaml"), String.join("\n",
                "name: lab-1",
                "module:",
                "  port: sim",
                "  imei: \"" + IMEI + "\"",
                "  profile: " + profile,
                "platform:",
                "  kind: onenet",
                "  url: " + doubleUrl(),
                "  credentials:",
                "    api-key: LAB1_ONENET_API_KEY",
                "power:",
                "  driver: virtual",
                ""));
        Result r = check(Map.of("LAB1_ONENET_API_KEY", KEY), "--rack", rack.toString(), "--imsi", IMSI);
        assertThat(r.exit()).as("%s%s", r.out(), r.err()).isZero();
        assertThat(r.item("device")).contains(IMEI);
        assertThat(api.devices().byImei(IMEI)).isPresent();
        assertNoSecret(r);
    }

    private Path rack(Path dir, String... platform) throws IOException {
        Path profile = Path.of("fixtures/firmware/bc260y-cn.yaml").toAbsolutePath();
        List<String> lines = new java.util.ArrayList<>(List.of("name: lab-1", "module:", "  port: sim",
                "  imei: \"" + IMEI + "\"", "  profile: " + profile, "platform:", "  kind: onenet"));
        lines.addAll(List.of(platform));
        lines.addAll(List.of("power:", "  driver: virtual", ""));
        return Files.writeString(dir.resolve("lab.yaml"), String.join("\n", lines));
    }

    @Test
    void aMissingCredentialIsNamedByTheVariableTheRackRenamedItTo(@TempDir Path dir) throws IOException {
        // the standard variables are set: a rack that renames them reads only its own
        Path legacy = rack(dir, "  url: " + doubleUrl(), "  credentials:", "    api-key: LAB1_KEY");
        Result r = check(env(KEY, TOKEN), "--rack", legacy.toString(), "--imsi", IMSI);
        assertThat(r.exit()).as("%s%s", r.out(), r.err()).isEqualTo(2);
        assertThat(r.item("credentials")).contains("CONFIGURATION")
                .contains("the legacy API needs an API key: set LAB1_KEY").doesNotContain(OneNetCredentials.API_KEY);
        assertThat(api.devices().all()).as("nothing was sent").isEmpty();

        Path current = rack(dir, "  api: current", "  url: " + doubleUrl(), "  product: P1", "  credentials:",
                "    user-id: LAB1_USER", "    access-key: LAB1_ACCESS");
        Result noUser = check(Map.of(), "--rack", current.toString(), "--imsi", IMSI);
        assertThat(noUser.item("credentials")).contains("the current API needs a user id: set LAB1_USER");
        Result noKey = check(Map.of("LAB1_USER", "42"), "--rack", current.toString(), "--imsi", IMSI);
        assertThat(noKey.item("credentials")).contains("the current API needs an access key: set LAB1_ACCESS");
        Result notBase64 = check(Map.of("LAB1_USER", "42", "LAB1_ACCESS", "not base64!"), "--rack",
                current.toString(), "--imsi", IMSI);
        assertThat(notBase64.item("credentials")).contains("LAB1_ACCESS is not base64");

        Path push = rack(dir, "  url: " + doubleUrl(), "  push-url: http://127.0.0.1:" + freePort() + "/p",
                "  credentials:", "    push-token: LAB1_TOKEN");
        Result noToken = check(env(KEY, TOKEN), "--rack", push.toString(), "--imsi", IMSI);
        assertThat(noToken.exit()).isEqualTo(2);
        assertThat(noToken.item("device")).contains("OK");
        assertThat(noToken.item("push")).contains("CONFIGURATION").contains("set LAB1_TOKEN")
                .doesNotContain(OneNetCredentials.PUSH_TOKEN);
        assertNoSecret(noToken);
    }

    @Test
    void theRacksPushBindIsWhereTheReceiverListens(@TempDir Path dir) throws IOException {
        String url = "http://127.0.0.1:" + freePort() + "/onenet/push";
        // any free port: not the URL's, so the URL check finds no receiver there
        Path bound = rack(dir, "  url: " + doubleUrl(), "  push-url: " + url, "  push-bind: 127.0.0.1:0");
        Result r = check(env(KEY, TOKEN), "--rack", bound.toString(), "--imsi", IMSI);
        assertThat(r.exit()).as("%s%s", r.out(), r.err()).isEqualTo(1);
        assertThat(r.item("push")).contains(url + " is unreachable");
        // the option over the rack: the URL's own port again, and the check passes
        String port = url.substring("http://127.0.0.1:".length(), url.indexOf("/onenet"));
        Result over = check(env(KEY, TOKEN), "--rack", bound.toString(), "--imsi", IMSI, "--push-bind",
                "127.0.0.1:" + port);
        assertThat(over.exit()).as("%s%s", over.out(), over.err()).isZero();
        assertThat(over.item("push")).contains(url + " verified");

        Path unbound = rack(dir, "  url: " + doubleUrl(), "  push-bind: 127.0.0.1:0");
        Result noUrl = check(env(KEY, TOKEN), "--rack", unbound.toString(), "--imsi", IMSI);
        assertThat(noUrl.exit()).isEqualTo(2);
        assertThat(noUrl.err()).contains("mipl-hil onenet check: --push-bind is for the push receiver: give --push-url"
                + " too (or the rack's push-url)");
    }

    @Test
    void isRegisteredUnderMain() {
        CommandLine onenet = Main.commandLine().getSubcommands().get("onenet");
        assertThat(onenet).isNotNull();
        assertThat(onenet.getSubcommands()).containsKey("check");
        assertThat(Main.run("onenet", "check", "--imei", "12345")).isEqualTo(2);
        assertThat(Main.run("onenet")).isEqualTo(2);
    }

    @Test
    void runRefusesAPushBindWithoutAPushUrlOrThatIsNoAddress() {
        for (List<String> args : List.of(List.of("--platform", "onenet", "--push-bind", "127.0.0.1:0"),
                List.of("--platform", "onenet", "--push-url", "http://127.0.0.1:9/p", "--push-bind", "127.0.0.1"))) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            CommandLine cli = new CommandLine(new RunCommand(new PrintStream(new ByteArrayOutputStream(), true,
                    StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), Map.of()));
            assertThat(cli.execute(args.toArray(String[]::new))).as("%s", args).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).as("%s", args).contains("--push-bind");
        }
        List<String> messages = List.of(
                "mipl-hil run: --push-bind is for the push receiver: give --push-url too (or the rack's push-url)",
                "mipl-hil run: --push-bind must be HOST:PORT (e.g. 0.0.0.0:8443, 127.0.0.1:8443), found '127.0.0.1'",
                "mipl-hil run: --push-bind is for --platform onenet; the platform is embedded");
        List<List<String>> given = List.of(List.of("--platform", "onenet", "--push-bind", "127.0.0.1:0"),
                List.of("--platform", "onenet", "--push-url", "http://127.0.0.1:9/p", "--push-bind", "127.0.0.1"),
                List.of("--push-bind", "127.0.0.1:0"));
        for (int i = 0; i < given.size(); i++) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            CommandLine cli = new CommandLine(new RunCommand(new PrintStream(new ByteArrayOutputStream(), true,
                    StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), Map.of()));
            assertThat(cli.execute(given.get(i).toArray(String[]::new))).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8).lines()).as("%s", given.get(i))
                    .containsExactly(messages.get(i));
        }
    }
}
