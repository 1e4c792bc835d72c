package org.miplhil.sim.fota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.dut.Cursor;
import org.miplhil.dut.DeadlineExceeded;
import org.miplhil.dut.JournalEntry;
import org.miplhil.dut.ModuleSession;
import org.miplhil.dut.Reply;
import org.miplhil.e2e.FotaMcu;
import org.miplhil.dut.UrcMatcher;
import org.miplhil.link.PtyPair;
import org.miplhil.link.SerialLink;
import org.miplhil.platform.CoapCode;
import org.miplhil.platform.leshan.LeshanPlatform;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.Notification;
import org.miplhil.platform.PlatformResult;
import org.miplhil.platform.ResourceValue;
import org.miplhil.platform.ResourceWrite;
import org.miplhil.platform.WriteMode;
import org.miplhil.platform.fota.FotaCampaign;
import org.miplhil.platform.fota.FotaOutcome;
import org.miplhil.platform.fota.FotaSpec;
import org.miplhil.sim.VirtualModule;
import org.miplhil.sim.profile.FirmwareProfile;
import org.miplhil.sim.profile.ProfileLoader;

/**
 * DFOTA end to end (chapter 6, 7.10.6): the embedded platform over real UDP writes the package URI, observes and
 * reads the state, executes the update; a CoAP package server serves the fixture packages block-wise; the virtual
 * module runs on a real pseudo-terminal and the test plays the MCU. Power cuts at every stage (6.2) and the
 * non-volatile storage file across them.
 */
class DfotaEndToEndTest {

    static final Path PROFILE = Path.of("fixtures/firmware/bc260y-cn.yaml");
    static final Path PACKAGES = Path.of("fixtures/firmware/packages");
    static final String ENDPOINT = "866971050123456;460041234567890";
    static final String BASE = "BC260YCNAAR01A03";
    static final String TARGET = "BC260YCNAAR01A03_BETA0721";
    static final Duration WITHIN = Duration.ofSeconds(15);
    static final Duration DEADLINE = Duration.ofSeconds(10);

    static final NodePath FW_VERSION = NodePath.resource(3, 0, 3);
    static final NodePath BATTERY = NodePath.resource(3, 0, 9);
    static final NodePath SIGNAL = NodePath.resource(4, 0, 2);
    static final NodePath CELL_ID = NodePath.resource(4, 0, 8);
    static final NodePath PACKAGE_URI = NodePath.resource(5, 0, 1);
    static final NodePath UPDATE = NodePath.resource(5, 0, 2);
    static final NodePath STATE = NodePath.resource(5, 0, 3);
    static final NodePath RESULT = NodePath.resource(5, 0, 5);
    static final NodePath PKG_VERSION = NodePath.resource(5, 0, 7);
    static final NodePath DELIVERY = NodePath.resource(5, 0, 9);

    @TempDir
    Path dir;

    private LeshanPlatform platform;
    private PackageServer packages;
    private PtyPair pty;
    private VirtualModule module;
    private ModuleSession session;
    private FotaMcu mcu;
    private final List<String> stages = new CopyOnWriteArrayList<>();

    @AfterEach
    void tearDown() {
        if (session != null) {
            session.close();
        }
        if (module != null) {
            module.close();
        }
        if (pty != null) {
            pty.close();
        }
        if (packages != null) {
            packages.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    // ---------------------------------------------------------------- set-up

    static FirmwareProfile profile(UnaryOperator<String> edit) throws IOException {
        return ProfileLoader.parse(PROFILE.toString(), edit.apply(Files.readString(PROFILE))).orElseThrow();
    }

    /** The profile with one {@code fota.<key>} value replaced. */
    static UnaryOperator<String> fota(String key, String value) {
        return t -> t.replaceFirst("(?m)^(  " + key + ": \\{value: )[^,]+,", "$1" + value + ",");
    }

    private void start(FirmwareProfile p) throws IOException {
        platform = LeshanPlatform.builder().bootstrap(false).oneNetBehaviour(false).start();
        packages = new PackageServer()
                .serve("good", PACKAGES.resolve("BC260YCNAAR01A03-to-BETA0721.delta"))
                .serve("damaged", PACKAGES.resolve("BC260YCNAAR01A03-to-BETA0721-damaged.delta"))
                .serve("wrong-base", PACKAGES.resolve("BC260YCNAAR01A02-to-BETA0721-wrong-base.delta"));
        startModule(p);
    }

    private void startModule(FirmwareProfile p) throws IOException {
        pty = PtyPair.open();
        module = VirtualModule.builder().link(pty.master()).profile(p).nvFile(dir.resolve("nv.properties")).build();
        module.addFotaListener((before, now, why) -> stages.add(now.stage() + " " + now.progress() + " " + now.revision()
                + (now.powered() ? "" : " off")));
        session = ModuleSession.open(SerialLink.open(pty.slavePath().toString()));
        mcu = new FotaMcu(session, WITHIN);
        module.start();
        session.expectUrc("\\+IP: .*", WITHIN);
    }

    /** 7.10.6: create, the MCU's object 3302, open; events 4 and 6 (no bootstrap). */
    private void register() {
        mcu.register(platform.coapPort());
        await("registered at the platform").atMost(DEADLINE).until(() -> platform.device(ENDPOINT).isPresent());
    }

    private PlatformResult.Answered answered(PlatformResult r, CoapCode code) {
        assertThat(r).as("platform result").isInstanceOf(PlatformResult.Answered.class);
        PlatformResult.Answered a = (PlatformResult.Answered) r;
        assertThat(a.code()).as(a.describe()).isEqualTo(code);
        return a;
    }

    private ResourceValue read(NodePath path) {
        return answered(platform.read(ENDPOINT, path, DEADLINE), CoapCode.CONTENT).singleValue().orElseThrow();
    }

    private PlatformResult writeUri(String uri) {
        return platform.write(ENDPOINT, PACKAGE_URI, WriteMode.REPLACE,
                List.of(new ResourceWrite(1, ResourceValue.of(uri))), DEADLINE);
    }

    private String revisionByAti() {
        return mcu.ok("ATI").line("Revision: ").orElseThrow().substring("Revision: ".length());
    }

    private List<String> urcsSince(Cursor from) {
        List<String> lines = new ArrayList<>();
        for (JournalEntry.Received r : session.journal().urcs(from.index())) {
            lines.add(r.text());
        }
        return lines;
    }

    private String nv() throws IOException {
        return Files.readString(module.nvFile());
    }

    static List<String> updatingLines(int from) {
        List<String> lines = new ArrayList<>();
        for (int p = from; p < 100; p += 3) {
            lines.add("+QIND: \"FOTA\",\"UPDATING\"," + p + "%,1,1");
        }
        lines.add("+QIND: \"FOTA\",\"UPDATING\",100%,1,1");
        return lines;
    }

    // ---------------------------------------------------------------- the whole update

    @Test
    void aWholeUpdateGivesTheUrcsOf_7_10_6_InOrderAndTheNewRevision() throws Exception {
        start(profile(t -> t));
        assertThat(revisionByAti()).isEqualTo(BASE);
        register();

        assertThat(platform.device(ENDPOINT).orElseThrow().objectInstances()).as("registered object instances")
                .contains(NodePath.instance(3, 0), NodePath.instance(4, 0), NodePath.instance(5, 0),
                        NodePath.instance(3302, 0));
        // 6.1.1: what the platform reads first; answered by the module itself
        assertThat(read(FW_VERSION)).isEqualTo(ResourceValue.of(BASE));
        assertThat(read(CELL_ID)).isEqualTo(ResourceValue.of(23456));
        assertThat(read(SIGNAL)).isEqualTo(ResourceValue.of(-85));
        assertThat(read(STATE)).isEqualTo(ResourceValue.of(0));
        assertThat(read(DELIVERY)).isEqualTo(ResourceValue.of(0));
        answered(platform.observe(ENDPOINT, STATE, DEADLINE), CoapCode.CONTENT);

        Cursor start = session.now();
        answered(writeUri(packages.uri("good")), CoapCode.CHANGED);
        session.expectInOrder(List.of(UrcMatcher.regex("\\+MIPLEVENT: 0,40"), UrcMatcher.regex("\\+MIPLEVENT: 0,42")),
                WITHIN);
        assertThat(packages.gets()).as("block-wise GETs, 512-byte blocks of the 8347-byte package")
                .extracting(PackageServer.Get::block).containsExactlyElementsOf(IntStream.range(0, 17).boxed().toList());
        assertThat(read(STATE)).isEqualTo(ResourceValue.of(2));
        assertThat(read(PKG_VERSION)).isEqualTo(ResourceValue.of(TARGET));
        await("notifications of /5/0/3: 1 (downloading) then 2 (downloaded)").atMost(DEADLINE).untilAsserted(() ->
                assertThat(platform.notifications().stream().filter(n -> n.path().equals(STATE))
                        .map(DfotaEndToEndTest::value).toList()).containsSubsequence("1", "2"));
        // 6.1.2: the battery is read before the update
        assertThat(read(BATTERY)).isEqualTo(ResourceValue.of(100));

        answered(platform.execute(ENDPOINT, UPDATE, null, DEADLINE), CoapCode.CHANGED);
        List<String> expected = new ArrayList<>(List.of("+MIPLEVENT: 0,40", "+MIPLEVENT: 0,42", "+MIPLEVENT: 0,43",
                "+QIND: \"FOTA\",\"START\""));
        expected.addAll(updatingLines(0));
        expected.addAll(List.of("RDY", "+CFUN: 1", "+QIND: \"FOTA\",\"END\",0", "+CPIN: READY", "+IP: 10.177.135.245"));
        mcu.urc("\\+IP: .*");
        assertThat(urcsSince(start)).as("7.10.6 from the download to the restart").containsExactlyElementsOf(expected);
        assertThat(revisionByAti()).isEqualTo(TARGET);

        // 6.1.3: MIPL state is gone; registering again reports the result: 48, then an update (11)
        Cursor again = session.now();
        register();
        session.expectInOrder(again, List.of(UrcMatcher.regex("\\+MIPLEVENT: 0,6"),
                UrcMatcher.regex("\\+MIPLEVENT: 0,48"), UrcMatcher.regex("\\+MIPLEVENT: 0,11")), WITHIN);
        assertThat(read(RESULT)).isEqualTo(ResourceValue.of(1));
        assertThat(read(STATE)).isEqualTo(ResourceValue.of(0));
        assertThat(read(FW_VERSION)).isEqualTo(ResourceValue.of(TARGET));
        assertThat(urcsSince(start)).as("the module answered /3, /4, /5 itself: nothing reached the MCU")
                .noneMatch(l -> l.startsWith("+MIPLREAD") || l.startsWith("+MIPLWRITE") || l.startsWith("+MIPLEXECUTE")
                        || l.startsWith("+MIPLOBSERVE"));
        assertThat(module.fotaState().stage()).isEqualTo(FotaStage.IDLE);
        assertThat(module.fotaState().revision()).isEqualTo(TARGET);
        assertThat(stages).as("FOTA listener").containsSubsequence("DOWNLOADING 0 " + BASE, "DOWNLOADED 0 " + BASE,
                "UPDATING 0 " + BASE, "UPDATING 100 " + BASE, "IDLE 0 " + TARGET);
        assertThat(nv()).contains("revision=" + TARGET, "stage=IDLE", "result=1", "report=false");
    }

    private static String value(Notification n) {
        return n.values().isEmpty() ? "" : n.values().get(0).value().text();
    }

    // ---------------------------------------------------------------- failed downloads

    @Test
    void aDamagedPackageFailsItsCheck() throws Exception {
        start(profile(t -> t));
        register();
        answered(writeUri(packages.uri("damaged")), CoapCode.CHANGED);
        session.expectInOrder(List.of(UrcMatcher.regex("\\+MIPLEVENT: 0,40"), UrcMatcher.regex("\\+MIPLEVENT: 0,41")),
                WITHIN);
        assertThat(read(STATE)).isEqualTo(ResourceValue.of(0));
        assertThat(read(RESULT)).as("integrity check failure").isEqualTo(ResourceValue.of(5));
        answered(platform.execute(ENDPOINT, UPDATE, null, DEADLINE), CoapCode.METHOD_NOT_ALLOWED);
        assertThat(revisionByAti()).isEqualTo(BASE);
    }

    @Test
    void aPackageForAnotherRevisionFails() throws Exception {
        start(profile(t -> t));
        register();
        answered(writeUri(packages.uri("wrong-base")), CoapCode.CHANGED);
        session.expectInOrder(List.of(UrcMatcher.regex("\\+MIPLEVENT: 0,40"), UrcMatcher.regex("\\+MIPLEVENT: 0,41")),
                WITHIN);
        assertThat(read(STATE)).isEqualTo(ResourceValue.of(0));
        assertThat(read(RESULT)).as("the profile's wrong-base-result").isEqualTo(ResourceValue.of(8));
    }

    @Test
    void aMissingPackageAndAnUnsupportedSchemeFailWithTheirResults() throws Exception {
        start(profile(t -> t));
        register();
        answered(writeUri(packages.uri("no-such-package")), CoapCode.CHANGED);
        session.expectInOrder(List.of(UrcMatcher.regex("\\+MIPLEVENT: 0,40"), UrcMatcher.regex("\\+MIPLEVENT: 0,41")),
                WITHIN);
        assertThat(read(RESULT)).as("4.04 from the package server: invalid URI").isEqualTo(ResourceValue.of(7));

        answered(writeUri("http://127.0.0.1/good"), CoapCode.CHANGED);
        session.expectInOrder(List.of(UrcMatcher.regex("\\+MIPLEVENT: 0,40"), UrcMatcher.regex("\\+MIPLEVENT: 0,41")),
                WITHIN);
        assertThat(read(RESULT)).as("unsupported protocol").isEqualTo(ResourceValue.of(9));
        assertThat(read(STATE)).isEqualTo(ResourceValue.of(0));
    }

    // ---------------------------------------------------------------- 6.1.1: the MCU must keep quiet

    @Test
    void aMiplCommandWhileDownloadingGetsTheBusyReplyAndTheDownloadGoesOn() throws Exception {
        start(profile(fota("block-pause", "200ms")));
        register();
        answered(writeUri(packages.uri("good")), CoapCode.CHANGED);
        mcu.urc("\\+MIPLEVENT: 0,40");
        Reply busy = session.send("AT+MIPLUPDATE=0,84600,0");
        assertThat(busy.result().raw().text()).as("fota.busy-reply").isEqualTo("+CIS ERROR: 653");
        assertThat(revisionByAti()).as("other commands are answered").isEqualTo(BASE);
        mcu.urc("\\+MIPLEVENT: 0,42");
        assertThat(urcsSince(busy.cursor())).as("the refused update was not sent").doesNotContain("+MIPLEVENT: 0,11");
    }

    @Test
    void withFailDownloadAMiplCommandWhileDownloadingEndsTheDownload() throws Exception {
        start(profile(fota("block-pause", "200ms").andThen(fota("while-downloading", "fail-download"))::apply));
        register();
        answered(writeUri(packages.uri("good")), CoapCode.CHANGED);
        mcu.urc("\\+MIPLEVENT: 0,40");
        mcu.ok("AT+MIPLUPDATE=0,84600,0");
        mcu.urc("\\+MIPLEVENT: 0,41");
        assertThat(read(RESULT)).as("connection lost").isEqualTo(ResourceValue.of(4));
        assertThat(read(STATE)).isEqualTo(ResourceValue.of(0));
    }

    @Test
    void whileUpdatingTheModuleReadsNoCommandUntilItRestarts() throws Exception {
        start(profile(fota("update-time", "3s")));
        register();
        answered(writeUri(packages.uri("good")), CoapCode.CHANGED);
        mcu.urc("\\+MIPLEVENT: 0,42");
        answered(platform.execute(ENDPOINT, UPDATE, null, DEADLINE), CoapCode.CHANGED);
        mcu.urc("\\+QIND: \"FOTA\",\"UPDATING\",0%,1,1");
        assertThatThrownBy(() -> session.send("AT", Duration.ofMillis(500))).as("fota.while-updating: ignore")
                .isInstanceOf(DeadlineExceeded.class);
        assertThat(module.fotaState().stage()).isEqualTo(FotaStage.UPDATING);
        mcu.urc("\\+QIND: \"FOTA\",\"END\",0");
        mcu.urc("\\+IP: .*");
        mcu.ok("AT");
    }

    @Test
    void withWhileUpdatingErrorCommandsGetTheBusyReply() throws Exception {
        start(profile(fota("update-time", "3s").andThen(fota("while-updating", "error"))::apply));
        register();
        answered(writeUri(packages.uri("good")), CoapCode.CHANGED);
        mcu.urc("\\+MIPLEVENT: 0,42");
        answered(platform.execute(ENDPOINT, UPDATE, null, DEADLINE), CoapCode.CHANGED);
        mcu.urc("\\+QIND: \"FOTA\",\"UPDATING\",0%,1,1");
        assertThat(session.send("ATI").result().raw().text()).isEqualTo("+CIS ERROR: 653");
        mcu.urc("\\+QIND: \"FOTA\",\"END\",0");
    }

    // ---------------------------------------------------------------- 6.2: power cuts

    @Test
    void aCutWhileDownloadingLeavesTheModuleIdleReportingNothing() throws Exception {
        start(profile(fota("block-pause", "200ms")));
        register();
        answered(writeUri(packages.uri("good")), CoapCode.CHANGED);
        mcu.urc("\\+MIPLEVENT: 0,40");
        await("a few blocks downloaded").atMost(DEADLINE).until(() -> packages.getsOf("good") >= 2);
        module.powerOff();
        assertThat(nv()).contains("stage=DOWNLOADING", "revision=" + BASE);
        long getsAtCut = packages.getsOf("good");

        Cursor on = session.now();
        module.powerOn();
        mcu.urc("\\+IP: .*");
        assertThat(module.fotaState().stage()).isEqualTo(FotaStage.IDLE);
        assertThat(nv()).contains("stage=IDLE");
        register();
        assertThat(read(STATE)).isEqualTo(ResourceValue.of(0));
        assertThat(read(RESULT)).isEqualTo(ResourceValue.of(0));
        assertThat(urcsSince(on)).as("6.2: nothing reported after the cut").noneMatch(l -> l.matches(
                "\\+MIPLEVENT: 0,4[0-9]"));
        assertThat(packages.getsOf("good")).as("the download stopped (one request may have been in flight)")
                .isLessThanOrEqualTo(getsAtCut + 1);
    }

    @Test
    void aCutWhileDownloadedLeavesTheModuleIdleAndTheUpdateRefused() throws Exception {
        start(profile(t -> t));
        register();
        answered(writeUri(packages.uri("good")), CoapCode.CHANGED);
        mcu.urc("\\+MIPLEVENT: 0,42");
        module.powerOff();
        assertThat(nv()).contains("stage=DOWNLOADED", "target=" + TARGET);

        Cursor on = session.now();
        module.powerOn();
        mcu.urc("\\+IP: .*");
        register();
        assertThat(read(STATE)).isEqualTo(ResourceValue.of(0));
        answered(platform.execute(ENDPOINT, UPDATE, null, DEADLINE), CoapCode.METHOD_NOT_ALLOWED);
        assertThat(urcsSince(on)).noneMatch(l -> l.matches("\\+MIPLEVENT: 0,4[0-9]") || l.startsWith("+QIND"));
        assertThat(revisionByAti()).isEqualTo(BASE);
        assertThat(nv()).contains("stage=IDLE").doesNotContain("target=");
    }

    @Test
    void aCutWhileUpdatingContinuesFromTheStoredProgressAfterPowerReturns() throws Exception {
        start(profile(fota("update-time", "3s")));
        register();
        answered(writeUri(packages.uri("good")), CoapCode.CHANGED);
        mcu.urc("\\+MIPLEVENT: 0,42");
        answered(platform.execute(ENDPOINT, UPDATE, null, DEADLINE), CoapCode.CHANGED);
        mcu.urc("\\+QIND: \"FOTA\",\"UPDATING\",30%,1,1");
        module.powerOff();
        FotaState cut = module.fotaState();
        assertThat(cut.stage()).isEqualTo(FotaStage.UPDATING);
        assertThat(cut.progress()).isBetween(30, 99);
        assertThat(nv()).contains("stage=UPDATING", "progress=" + cut.progress());

        Cursor on = session.now();
        module.powerOn();
        session.expectUrc(on, UrcMatcher.regex("\\+IP: .*"), WITHIN);
        List<String> expected = new ArrayList<>(updatingLines(cut.progress()));
        expected.addAll(List.of("RDY", "+CFUN: 1", "+QIND: \"FOTA\",\"END\",0", "+CPIN: READY", "+IP: 10.177.135.245"));
        assertThat(urcsSince(on)).as("6.2: the update goes on from %d%%", cut.progress())
                .containsExactlyElementsOf(expected);
        session.moveCursor(session.now());
        assertThat(revisionByAti()).isEqualTo(TARGET);
        register();
        mcu.urc("\\+MIPLEVENT: 0,48");
        mcu.urc("\\+MIPLEVENT: 0,11");
        assertThat(read(RESULT)).isEqualTo(ResourceValue.of(1));
    }

    @Test
    void theRevisionStaysAcrossPowerCyclesAndAcrossModulesSharingTheNvFile() throws Exception {
        start(profile(t -> t));
        register();
        answered(writeUri(packages.uri("good")), CoapCode.CHANGED);
        mcu.urc("\\+MIPLEVENT: 0,42");
        answered(platform.execute(ENDPOINT, UPDATE, null, DEADLINE), CoapCode.CHANGED);
        mcu.urc("\\+QIND: \"FOTA\",\"END\",0");
        mcu.urc("\\+IP: .*");
        assertThat(nv()).contains("revision=" + TARGET, "report=true");

        module.powerOff();
        module.powerOn();
        mcu.urc("\\+IP: .*");
        assertThat(revisionByAti()).isEqualTo(TARGET);

        // a module started later on the same file runs the new revision, and still has the result to report
        session.close();
        module.close();
        pty.close();
        assertThat(Files.readString(dir.resolve("nv.properties"))).contains("revision=" + TARGET);
        startModule(profile(t -> t));
        assertThat(revisionByAti()).isEqualTo(TARGET);
        register();
        mcu.urc("\\+MIPLEVENT: 0,48");
        mcu.urc("\\+MIPLEVENT: 0,11");
        assertThat(read(FW_VERSION)).isEqualTo(ResourceValue.of(TARGET));
    }

    @Test
    void eraseFailureIsReportedWith49AndAFailedUpdateEndsWith255() throws Exception {
        start(profile(fota("erase-fails", "true").andThen(fota("update-fails", "true"))::apply));
        register();
        answered(writeUri(packages.uri("good")), CoapCode.CHANGED);
        mcu.urc("\\+MIPLEVENT: 0,42");
        answered(platform.execute(ENDPOINT, UPDATE, null, DEADLINE), CoapCode.CHANGED);
        mcu.urc("\\+QIND: \"FOTA\",\"END\",255");
        mcu.urc("\\+IP: .*");
        assertThat(revisionByAti()).isEqualTo(BASE);
        register();
        mcu.urc("\\+MIPLEVENT: 0,49");
        mcu.urc("\\+MIPLEVENT: 0,11");
        assertThat(read(RESULT)).as("update failed").isEqualTo(ResourceValue.of(8));
    }

    // ---------------------------------------------------------------- the platform's campaign

    /** The platform's own FOTA campaign and package server against the virtual module; the MCU re-registers. */
    @Test
    void thePlatformsCampaignUpdatesTheVirtualModule() throws Exception {
        platform = LeshanPlatform.builder().bootstrap(false).oneNetBehaviour(false).packageServer(true).start();
        startModule(profile(t -> t));
        register();
        FotaCampaign campaign = platform.startFota(ENDPOINT,
                FotaSpec.of(PACKAGES.resolve("BC260YCNAAR01A03-to-BETA0721.delta"), TARGET));
        mcu.urc("\\+QIND: \"FOTA\",\"END\",0");
        mcu.urc("\\+IP: .*");
        register();
        mcu.urc("\\+MIPLEVENT: 0,48");
        assertThat(campaign.await(Duration.ofSeconds(30))).as("campaign steps %s", campaign.steps())
                .isEqualTo(new FotaOutcome.Succeeded(TARGET));
        assertThat(revisionByAti()).isEqualTo(TARGET);
    }
}
