package org.miplhil.suite.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.miplhil.platform.http.DeviceRegistry;
import org.miplhil.platform.http.OneNetDouble;
import org.miplhil.platform.http.OneNetHttpApi;
import org.miplhil.platform.leshan.LeshanPlatform;
import org.miplhil.platform.onenet.OneNetApi;
import org.miplhil.platform.onenet.OneNetCredentials;
import org.miplhil.platform.onenet.push.PushCipher;
import org.miplhil.platform.onenet.client.OneNetSettings;
import org.miplhil.platform.onenet.push.PushSender;
import org.miplhil.report.CaseResult;
import org.miplhil.report.RunRecorder;
import org.miplhil.report.RunResult;
import org.miplhil.report.Status;
import org.miplhil.suite.Requirement;

/**
 * The examples and the catalogue, unchanged, with OneNET as the platform: the OneNET double (the embedded platform
 * behind OneNET's HTTP API, pushing signed messages as OneNET does) on loopback, the adapter in front of it, the
 * virtual module registered to the double. Every case passes, except those marked {@code requires: local-platform},
 * which are skipped with the reason. Cases tagged {@code slow} are left out, as the build leaves them out of the
 * suites it runs on the embedded platform (docs/running.md).
 */
class OneNetSuitesTest {

    private static final Map<String, String> ENV = Map.of(OneNetCredentials.API_KEY, "lab-api-key-0001",
            OneNetCredentials.PUSH_TOKEN, "labpushtoken01");

    @Test
    void theExamplesAndTheCataloguePassOnOneNetThroughTheAdapterWithPush() throws Exception {
        Outcome o = runOnDouble(true, Path.of("suites/examples"), Path.of("suites/catalogue"));
        o.assertEveryCasePassedOrWasSkippedAsMarked();
        assertThat(o.run.suites()).hasSizeGreaterThanOrEqualTo(15);
    }

    @Test
    void theExamplesPassOnOneNetWhenTheAdapterPolls() throws Exception {
        Outcome o = runOnDouble(false, Path.of("suites/examples"));
        o.assertEveryCasePassedOrWasSkippedAsMarked();
    }

    /**
     * The current API generation: every request signed with a token (access key, user id), the device created in a
     * product through {@code /device/create}, and OneNET's push in its encrypted form (AES key set on both sides).
     */
    @Test
    void theExamplesPassOnTheCurrentApiWithEncryptedPush() throws Exception {
        Map<String, String> env = Map.of(OneNetCredentials.ACCESS_KEY,
                "mjgvkTCYTBF6DguxMmm+aV9EkDp2CYfL5jzRTph5Th6KhU8gqZz/cBivPTA7tfY5", OneNetCredentials.USER_ID, "37715",
                OneNetCredentials.PUSH_TOKEN, "labpushtoken02", OneNetCredentials.PUSH_AES_KEY,
                PushCipher.newEncodingKey());
        Outcome o = runOnDouble(OneNetCredentials.fromEnvironment(env), true,
                s -> s.withApi(OneNetApi.CURRENT).withProductId(Optional.of("lab-product-1")), Path.of("suites/examples"));
        o.assertEveryCasePassedOrWasSkippedAsMarked();
        assertThat(o.created()).as("the module's device, created through /device/create in the product")
                .singleElement().satisfies(d -> assertThat(d.productId()).isEqualTo("lab-product-1"));
    }

    /** {@code created}: the devices the adapter created at the double, as the double holds them. */
    private record Outcome(RunPlan plan, RunResult run, List<DeviceRegistry.Created> created) {

        void assertEveryCasePassedOrWasSkippedAsMarked() {
            // each marked case and what its steps need of the platform
            Map<String, List<String>> marked = new TreeMap<>();
            for (RunPlan.SuitePlan s : plan.suites()) {
                boolean suiteMarked = s.suite().requires().contains(Requirement.LOCAL_PLATFORM);
                s.cases().stream().filter(c -> suiteMarked || c.requires().contains(Requirement.LOCAL_PLATFORM))
                        .forEach(c -> marked.put(s.suite().name() + " / " + c.name(), c.steps().stream()
                                .flatMap(step -> PlatformNeeds.need(step).stream()).map(PlatformNeeds::describe)
                                .distinct().toList()));
            }
            assertThat(marked.values()).as("a mark without a step that needs it").allSatisfy(n -> assertThat(n).isNotEmpty());
            List<CaseResult> all = run.suites().stream().flatMap(s -> s.cases().stream()).toList();
            String problems = all.stream().filter(c -> c.status() != Status.PASSED && c.status() != Status.SKIPPED)
                    .map(c -> c.status() + " " + c.info().name() + ": " + c.failure().message())
                    .collect(Collectors.joining("\n"));
            assertThat(problems).as("cases that neither passed nor were skipped").isEmpty();
            Map<String, String> skipped = new TreeMap<>();
            run.suites().forEach(s -> s.cases().stream().filter(c -> c.status() == Status.SKIPPED)
                    .forEach(c -> skipped.put(s.info().name() + " / " + c.info().name(), c.failure().message())));
            assertThat(skipped.keySet()).as("skipped cases").isEqualTo(marked.keySet());
            skipped.forEach((name, reason) -> assertThat(reason).as(name)
                    .startsWith("requires local-platform: the platform is OneNET, whose API cannot express ")
                    .contains(marked.get(name)));
            assertThat(all).hasSize(plan.caseCount());
        }
    }

    private static Outcome runOnDouble(boolean push, Path... dirs) throws IOException {
        return runOnDouble(OneNetCredentials.fromEnvironment(ENV), push, s -> s, dirs);
    }

    private static Outcome runOnDouble(OneNetCredentials credentials, boolean push,
                                       java.util.function.UnaryOperator<OneNetSettings> adapter, Path... dirs)
            throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        int pushPort = freePort();
        URI pushUrl = URI.create("http://127.0.0.1:" + pushPort + "/onenet/push");
        // as ./mipl-hil platform starts it
        try (LeshanPlatform platform = LeshanPlatform.builder().address(loopback).coapPort(0).bootstrapPort(0)
                .bootstrap(true).oneNetBehaviour(true).oneNetDiscover(true).requestTimeout(Duration.ofSeconds(25))
                .start();
             OneNetDouble onenet = OneNetDouble.start(platform, new InetSocketAddress(loopback, 0), 16,
                     OneNetHttpApi.DEFAULT_PACKAGES, credentials, push ? Optional.of(PushSender.Settings.of(pushUrl,
                             credentials.pushToken(), credentials.pushAesKey())) : Optional.empty())) {
            OneNetSettings settings = adapter.apply(OneNetSettings.defaults(credentials))
                    .withBaseUrl(URI.create("http://127.0.0.1:" + onenet.httpPort()))
                    .withCoap(new InetSocketAddress("127.0.0.1", platform.coapPort()))
                    .withBootstrap(Optional.of(new InetSocketAddress("127.0.0.1", platform.bootstrapPort())))
                    .withPushUrl(push ? Optional.of(pushUrl) : Optional.empty());
            RunOptions options = RunOptions.builder().onenet(settings).secrets(credentials.secrets()).build();
            RunPlan plan = RunPlan.load(yamlFiles(dirs), options, TagSelection.parse("!slow").selection().orElseThrow());
            assertThat(plan.ok()).as("%s", plan.problems()).isTrue();
            try (SuiteRunner runner = new SuiteRunner(options, RunRecorder.builder().build())) {
                RunResult result = runner.run(plan);
                return new Outcome(plan, result, onenet.api().devices().all());
            }
        }
    }

    private static List<Path> yamlFiles(Path... dirs) throws IOException {
        List<Path> files = new java.util.ArrayList<>();
        for (Path d : dirs) {
            try (Stream<Path> s = Files.list(d)) {
                s.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(files::add);
            }
        }
        return files;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
