package org.miplhil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.platform.FotaPeer;
import org.miplhil.platform.TestDevices;
import org.miplhil.platform.leshan.CoapSettings;
import picocli.CommandLine;

class PlatformCommandTest {

    static final Duration WAIT = Duration.ofSeconds(15);

    private record Run(PlatformCommand command, StringWriter out, StringWriter err, CompletableFuture<Integer> exit) {
        String stdout() {
            synchronized (out) {
                return out.toString();
            }
        }
    }

    private static Run run(String... args) {
        PlatformCommand command = new PlatformCommand();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.execute(args));
        return new Run(command, out, err, exit);
    }

    private static int port(String stdout, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "=(\\d+)$").matcher(stdout);
        assertThat(m.find()).as("%s line in %s", name, stdout).isTrue();
        return Integer.parseInt(m.group(1));
    }

    @Test
    void printsItsPortsThenLogsRegistrationsAndRequestsUntilStopped() throws Exception {
        Run run = run("--coap-port", "0", "--bootstrap-port", "0", "--http-port", "0");
        await("the three port lines").atMost(WAIT).untilAsserted(() ->
                assertThat(run.stdout()).as("stdout (stderr: %s)", run.err).contains("http-port="));
        String head = run.stdout();
        assertThat(head.lines().limit(3)).allMatch(l -> l.matches("(coap|bootstrap|http)-port=\\d+"));
        int coap = port(head, "coap-port");
        int http = port(head, "http-port");
        assertThat(port(head, "bootstrap-port")).isPositive().isNotEqualTo(coap);

        String endpoint = "866971030000021;460041234567821";
        try (AutoCloseable client = TestDevices.startClient("coap://127.0.0.1:" + coap, endpoint)) {
            await("registration and OneNET-like requests in the log").atMost(WAIT).untilAsserted(() ->
                    assertThat(run.stdout()).as("stdout").contains("registered " + endpoint)
                            .contains("GET+observe /3303/0").contains("GET /3311 -> 2.05"));
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + http + "/nbiot?imei=866971030000021&obj_id=3303&obj_inst_id=0&res_id=5700"))
                    .timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).startsWith("{\"errno\":0,\"error\":\"succ\"").contains("\"val\":20.0");
        }
        await("deregistration in the log").atMost(WAIT).untilAsserted(() ->
                assertThat(run.stdout()).as("stdout").contains("deregistered " + endpoint));

        run.command().stop.countDown();
        assertThat(run.exit().get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isZero();
    }

    @Test
    void aBusyPortIsAUsageErrorNamingThePort() throws Exception {
        try (DatagramSocket busy = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Run run = run("--coap-port", Integer.toString(busy.getLocalPort()), "--bootstrap-port", "0",
                    "--http-port", "0");
            assertThat(run.exit().get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(2);
            assertThat(run.err().toString()).contains(Integer.toString(busy.getLocalPort()));
            assertThat(run.stdout()).doesNotContain("coap-port=");
        }
    }

    @Test
    void isASubcommandOfMain() {
        Map<String, CommandLine> subs = new CommandLine(new Main()).getSubcommands();
        assertThat(subs).containsKey("platform");
        assertThat(Main.run("platform", "--coap-port", "70000")).isEqualTo(2);
    }

    @Test
    void runsAFotaCampaignForTheFirstDeviceThatRegistersPrintingEachStep(@TempDir java.nio.file.Path dir)
            throws Exception {
        byte[] content = new byte[2000];
        new java.util.Random(5).nextBytes(content);
        java.nio.file.Path pkg = dir.resolve("A03-to-BETA0721.delta");
        java.nio.file.Files.write(pkg, content);
        Run run = run("--coap-port", "0", "--bootstrap-port", "0", "--http-port", "0", "--package-dir",
                dir.toString(), "--fota-package", pkg.toString(), "--fota-version", "BC260YCNAAR01A03_BETA0721",
                "--fota-phase-timeout", "30", "--fota-step-timeout", "5", "--exit-after-fota");
        await("the port lines").atMost(WAIT).untilAsserted(() ->
                assertThat(run.stdout()).as("stdout (stderr: %s)", run.err).contains("package-port="));
        int coap = port(run.stdout(), "coap-port");
        assertThat(port(run.stdout(), "package-port")).isPositive();

        String endpoint = "866971030000031;460041234567831";
        try (FotaPeer peer = FotaPeer.start("coap://127.0.0.1:" + coap, endpoint, "BC260YCNAAR01A03",
                "BC260YCNAAR01A03_BETA0721", content, FotaPeer.Download.FETCH, true)) {
            assertThat(run.exit().get(60, java.util.concurrent.TimeUnit.SECONDS))
                    .as("exit status; stdout:%n%s%npeer: %s", run.stdout(), peer.log).isZero();
        }
        assertThat(run.stdout().lines().filter(l -> l.contains(" fota " + endpoint + " "))
                .map(l -> l.replaceFirst("^\\S+ fota \\S+ ", "").replaceFirst(":.*", "")))
                .containsSubsequence("read firmware version", "send package", "downloaded", "execute update",
                        "registered again", "read update result", "outcome");
        // the package is offered per device: under the IMEI it was written for
        assertThat(run.stdout())
                .contains("package " + endpoint.split(";")[0] + "/A03-to-BETA0721.delta to 127.0.0.1:")
                .contains("complete, 8 blocks, 2000 of 2000 bytes")
                .contains("outcome: succeeded, version BC260YCNAAR01A03_BETA0721");
    }

    @Test
    void aFotaPackageWithoutAVersionIsAUsageError(@TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path pkg = java.nio.file.Files.write(dir.resolve("p.delta"), new byte[] {1});
        Run run = run("--coap-port", "0", "--bootstrap-port", "0", "--http-port", "0", "--fota-package",
                pkg.toString());
        assertThat(run.exit().get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(run.err().toString()).contains("--fota-version");
        Run bad = run("--coap-port", "0", "--bootstrap-port", "0", "--http-port", "0", "--fota-package",
                pkg.toString(), "--fota-version", "X", "--fota-trigger", "later");
        assertThat(bad.exit().get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(bad.err().toString()).contains("--fota-trigger");
    }

    @Test
    void withoutOneNetDiscoverARegistrationIsObservedAndItsDeviceReadButNotDiscovered() throws Exception {
        Run run = run("--coap-port", "0", "--bootstrap-port", "0", "--http-port", "0", "--no-onenet-discover");
        await("the three port lines").atMost(WAIT).untilAsserted(() ->
                assertThat(run.stdout()).as("stdout (stderr: %s)", run.err).contains("http-port="));
        int coap = port(run.stdout(), "coap-port");
        String endpoint = "866971030000022;460041234567822";
        try (AutoCloseable client = TestDevices.startClient("coap://127.0.0.1:" + coap, endpoint)) {
            // the read of /3/0 ends the sequence (OneNET: after the subscriptions)
            await("observes and the read of /3/0 in the log").atMost(WAIT).untilAsserted(() ->
                    assertThat(run.stdout()).as("stdout").contains("GET+observe /3303/0").contains("GET /3/0 -> 2.05"));
            assertThat(run.stdout()).as("stdout").doesNotContain("GET /3303 ->").doesNotContain("GET /3311 ->");
        }
        run.command().stop.countDown();
        assertThat(run.exit().get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isZero();
    }

    private static PlatformCommand parsed(String... args) {
        PlatformCommand command = new PlatformCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void theDoubleUsesOneNetsCoapTimingUnlessRfc7252IsAsked() {
        assertThat(parsed().coapSettings()).as("default").isEqualTo(CoapSettings.oneNet());
        assertThat(parsed("--coap-timing", "onenet").coapSettings()).isEqualTo(CoapSettings.oneNet());
        assertThat(parsed("--coap-timing", "RFC7252").coapSettings()).isEqualTo(CoapSettings.defaults());
        assertThat(CoapSettings.oneNet().ackTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(CoapSettings.oneNet().maxRetransmit()).isEqualTo(2);
        assertThat(parsed("--coap-timing", "tcp").coapSettings()).isNull();
    }

    @Test
    void anUnknownCoapTimingIsAUsageErrorAndTheChosenOneIsPrinted() throws Exception {
        Run bad = run("--coap-port", "0", "--bootstrap-port", "0", "--http-port", "0", "--coap-timing", "fast");
        assertThat(bad.exit().get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(bad.err().toString()).contains("--coap-timing must be onenet or rfc7252, found 'fast'");

        Run rfc = run("--coap-port", "0", "--bootstrap-port", "0", "--http-port", "0", "--coap-timing", "rfc7252");
        await("the timing line").atMost(WAIT).untilAsserted(() -> assertThat(rfc.stdout()).as("stdout (stderr: %s)",
                rfc.err).contains("coap-timing rfc7252: ACK_TIMEOUT 2000 ms, ACK_RANDOM_FACTOR 1.5, MAX_RETRANSMIT 4"));
        rfc.command().stop.countDown();
        assertThat(rfc.exit().get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isZero();

        Run byDefault = run("--coap-port", "0", "--bootstrap-port", "0", "--http-port", "0");
        await("the timing line").atMost(WAIT).untilAsserted(() -> assertThat(byDefault.stdout())
                .as("stdout (stderr: %s)", byDefault.err)
                .contains("coap-timing onenet: ACK_TIMEOUT 5000 ms, ACK_RANDOM_FACTOR 1.5, MAX_RETRANSMIT 2"));
        byDefault.command().stop.countDown();
        assertThat(byDefault.exit().get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isZero();
    }
}
