package org.miplhil.sim.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.miplhil.sim.profile.FirmwareProfile.ConfigAtPowerUp;
import org.miplhil.yaml.LoadResult;

class ProfileLoaderTest {

    static final Path SHIPPED = Path.of("fixtures/firmware/bc260y-cn.yaml");

    static String shippedText() throws IOException {
        return Files.readString(SHIPPED);
    }

    @Test
    void shippedProfileLoadsWithTheNotesValues() {
        LoadResult<FirmwareProfile> r = ProfileLoader.load(SHIPPED);
        assertThat(r.errors()).isEmpty();
        FirmwareProfile p = r.orElseThrow();
        assertThat(p.identity().manufacturer()).isEqualTo("Quectel_Ltd");
        assertThat(p.identity().model()).isEqualTo("Quectel_BC260Y-CN");
        assertThat(p.identity().revision()).isEqualTo("BC260YCNAAR01A03");
        assertThat(p.identity().miplVersion()).isEqualTo("2.3.0");
        assertThat(p.identity().imei()).matches("\\d{15}");
        assertThat(p.network().ceregAttached()).isEqualTo(1);
        assertThat(p.network().ceregMode()).isZero();
        assertThat(p.general().cisErrorText(652)).isEqualTo("CIS_PARAM_ERROR");
        assertThat(p.general().cisErrorText(654)).isEqualTo("(null)");
        assertThat(p.network().ipAddress()).isEqualTo("10.177.135.245");
        assertThat(p.network().pdnCid()).isEqualTo(5);
        assertThat(p.mipl().configAtPowerUp()).isEqualTo(ConfigAtPowerUp.DEFAULTS);
        assertThat(p.mipl().bootstrapAddress()).isEqualTo("183.230.40.39");
        assertThat(p.mipl().serverAddress()).isEqualTo("183.230.40.40");
        assertThat(p.mipl().timeoutDefault()).isEqualTo(30);
        assertThat(p.mipl().lifetimeZeroMeans()).isEqualTo(3600);
        assertThat(p.mipl().answerWindow()).isEqualTo(Duration.ofSeconds(10));
        assertThat(p.mipl().purgeAfter()).isEqualTo(Duration.ofSeconds(20));
        assertThat(p.limits().insCountMax()).isEqualTo(8);
        assertThat(p.limits().discoverLengthMax()).isEqualTo(255);
        assertThat(p.limits().notifyTotalMax()).isEqualTo(1023);
        assertThat(p.powerUp()).extracting(FirmwareProfile.PowerUpStep::line)
                .containsExactly("RDY", "+CFUN: ${cfun}", "+CPIN: READY", "+IP: ${ip-address}");
        assertThat(p.powerUp().get(3).attach()).isTrue();
        assertThat(p.testResponse("AT+MIPLOPEN")).contains("+MIPLOPEN: (0),(0xF-0xFFFFFFF),(1-0xFFFF)");
        assertThat(p.responseDelays().forCommand("AT+MIPLVER")).isEqualTo(Duration.ZERO);
    }

    @Test
    void everyMistakeOfTheEvidenceTableHasTheCodeOfTheAtLayer() {
        FirmwareProfile p = ProfileLoader.load(SHIPPED).orElseThrow();
        for (Mistake m : Mistake.values()) {
            assertThat(p.code(m)).as(m.id()).isBetween(651, 655);
        }
        assertThat(p.code(Mistake.CREATE_NO_CONFIG)).isEqualTo(652);
        assertThat(p.code(Mistake.CREATE_TWICE)).isEqualTo(653);
        assertThat(p.code(Mistake.OPEN_LIFETIME_RANGE)).isEqualTo(652);
        assertThat(p.code(Mistake.OPEN_ALREADY_REGISTERED)).isEqualTo(655);
        assertThat(p.code(Mistake.ADDOBJ_DUPLICATE)).isEqualTo(654);
        assertThat(p.code(Mistake.DELOBJ_NOT_FOUND)).isEqualTo(655);
        assertThat(p.code(Mistake.UPDATE_NOT_REGISTERED)).isEqualTo(654);
        assertThat(p.code(Mistake.CONFIG_INSTANCE_EXISTS)).isEqualTo(653);
        assertThat(p.code(Mistake.ANY_NO_PDN)).isEqualTo(655);
    }

    @Test
    void everyEntryCarriesItsSource() {
        FirmwareProfile p = ProfileLoader.load(SHIPPED).orElseThrow();
        // identity 7 + at 5 + network 18 + power-up 4 + mipl 20 + limits 8 + errors + delay 1 + test responses
        // + lwm2m 8 + fota 21 + parsing 5 + sleep 3 + general 6
        int expected = 7 + 5 + 18 + 4 + 20 + 8 + Mistake.values().length + 1 + p.testResponses().size() + 8 + 21
                + 5 + 3 + 6;
        assertThat(p.entries()).hasSize(expected);
        assertThat(p.entries()).allSatisfy(e -> {
            assertThat(e.source()).isNotNull();
            assertThat(e.position()).matches(".*bc260y-cn\\.yaml:\\d+:\\d+");
        });
        assertThat(p.entry("identity.revision").orElseThrow().source().toString()).isEqualTo("doc:7.10.6");
        assertThat(p.entry("errors.create.twice").orElseThrow().source().kind())
                .isEqualTo(Source.Kind.OBSERVED_ELSEWHERE);
        assertThat(p.entry("errors.notify.too-long").orElseThrow().source().kind()).isEqualTo(Source.Kind.ASSUMED);
        assertThat(p.entry("mipl.timeout-default").orElseThrow().source().toString()).isEqualTo("doc:3.3.7");
        assertThat(p.entry("network.psm").orElseThrow().source().kind()).isEqualTo(Source.Kind.OBSERVED_ELSEWHERE);
    }

    @Test
    void theQuickSleepProfileIsTheShippedOneWithShortIdleTimes() throws IOException {
        Path quick = SHIPPED.resolveSibling("bc260y-cn-quick-sleep.yaml");
        FirmwareProfile shipped = ProfileLoader.load(SHIPPED).orElseThrow();
        FirmwareProfile p = ProfileLoader.load(quick).orElseThrow();
        // the idle timing is the network's: the quick profile writes two keys of that section, the rest is the base's
        assertThat(p.network().rrcReleaseAfter()).isEqualTo(java.time.Duration.ofSeconds(4));
        assertThat(p.network().psm()).isEqualTo("1,,,\"00111000\",\"00000001\"");
        assertThat(p.network().ipAddress()).isEqualTo(shipped.network().ipAddress());
        assertThat(p.entry("network.psm").orElseThrow().position()).contains("bc260y-cn-quick-sleep.yaml");
        assertThat(p.sleep()).isEqualTo(shipped.sleep());
        var n = shipped.network();
        assertThat(p.withNetwork(new FirmwareProfile.Network(n.ceregAttached(), n.ceregDetached(), n.ceregMode(),
                n.tac(), n.cellId(), n.act(), n.pdnCid(), n.ipAddress(), n.apn(), n.attachTime(),
                p.network().rrcReleaseAfter(), n.csq(), n.cesq(), n.band(), n.clockZone(), n.qeng(), p.network().psm(),
                n.edrxValue())))
                .as("everything but the two idle-time keys is the shipped profile's")
                .usingRecursiveComparison().ignoringFields("origin", "entries").isEqualTo(shipped.withNetwork(
                        new FirmwareProfile.Network(n.ceregAttached(), n.ceregDetached(), n.ceregMode(), n.tac(),
                                n.cellId(), n.act(), n.pdnCid(), n.ipAddress(), n.apn(), n.attachTime(),
                                p.network().rrcReleaseAfter(), n.csq(), n.cesq(), n.band(), n.clockZone(), n.qeng(),
                                p.network().psm(), n.edrxValue())));
    }

    @Test
    void theSleepSectionIsReadAndOptional() throws IOException {
        FirmwareProfile p = ProfileLoader.load(SHIPPED).orElseThrow();
        assertThat(p.sleep()).isEqualTo(FirmwareProfile.Sleep.DEFAULTS);
        String text = shippedText();
        String without = text.substring(0, text.indexOf("\nsleep:\n") + 1);
        assertThat(ProfileLoader.parse("p.yaml", without).orElseThrow().sleep()).isEqualTo(FirmwareProfile.Sleep.DEFAULTS);
        // the idle times are the network's: the keys sleep once had are unknown now
        assertThat(errorsOf(text.replace("  wake-time:", "  psm-after: {value: 10s, source: assumed}\n  wake-time:")))
                .anySatisfy(e -> assertThat(e).contains("unknown key 'psm-after'"));
        assertThat(errorsOf(text.replace("  wake-time:", "  nap-time: {value: 1s, source: assumed}\n  wake-time:")))
                .anySatisfy(e -> assertThat(e).contains("unknown key 'nap-time'"));
    }

    private static List<String> errorsOf(String text) {
        return ProfileLoader.parse("p.yaml", text).errors();
    }

    @Test
    void unknownKeyIsReportedAtItsPosition() throws IOException {
        String text = shippedText().replace("identity:\n", "identity:\n  colour: {value: red, source: assumed}\n");
        assertThat(errorsOf(text)).anySatisfy(e -> assertThat(e).startsWith("p.yaml:11:3: unknown key 'colour' in 'identity'"));
    }

    @Test
    void wrongTypeIsReportedAtTheValue() throws IOException {
        String text = shippedText().replace("cmee: {value: 1,", "cmee: {value: one,");
        List<String> errors = errorsOf(text);
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).matches("p\\.yaml:\\d+:17: at\\.cmee must be an integer, found 'one'");
    }

    @Test
    void missingSourceIsRejected() throws IOException {
        String text = shippedText().replace("lifetime-min: {value: 15, source: \"doc:3.3.7\"}", "lifetime-min: {value: 15}");
        assertThat(errorsOf(text)).singleElement().asString()
                .matches("p\\.yaml:\\d+:17: 'mipl\\.lifetime-min' \\(\\{value: \\.\\.\\., source: \\.\\.\\.\\}\\) is missing the key 'source'");
    }

    @Test
    void malformedSourceIsRejected() throws IOException {
        String text = shippedText().replace("lifetime-min: {value: 15, source: \"doc:3.3.7\"}",
                "lifetime-min: {value: 15, source: \"the manual\"}");
        assertThat(errorsOf(text)).singleElement().asString()
                .contains("source of 'mipl.lifetime-min' must be doc:<section>").contains("found 'the manual'");
    }

    @Test
    void unknownAndMissingMistakesAreReported() throws IOException {
        String text = shippedText().replace("  create.twice:", "  create.thrice:");
        List<String> errors = errorsOf(text);
        assertThat(errors).anySatisfy(e -> assertThat(e).matches("p\\.yaml:\\d+:3: unknown mistake id 'create.thrice' in errors"));
        assertThat(errors).anySatisfy(e -> assertThat(e).contains("errors is missing 'create.twice'"));
    }

    @Test
    void codeOutsideChapter4IsRejected() throws IOException {
        String text = shippedText().replace("create.twice: {value: 653", "create.twice: {value: 600");
        assertThat(errorsOf(text)).singleElement().asString().contains("errors.create.twice must be in 651..655, found 600");
    }

    @Test
    void badDurationIsRejected() throws IOException {
        String text = shippedText().replace("answer-window: {value: 10s", "answer-window: {value: ten seconds");
        assertThat(errorsOf(text)).singleElement().asString()
                .matches("p\\.yaml:\\d+:\\d+: mipl\\.answer-window must be a duration such as 250ms, 6s or 1\\.5s, found 'ten seconds'");
    }

    @Test
    void missingTestResponseIsReported() throws IOException {
        String text = shippedText().replaceAll("(?m)^  AT\\+MIPLCLOSE: .*\\n", "");
        assertThat(errorsOf(text)).singleElement().asString().contains("test-responses is missing 'AT+MIPLCLOSE'");
    }

    @Test
    void yamlSyntaxErrorCarriesItsPosition() {
        List<String> errors = errorsOf("identity:\n  model: {value: x, source: assumed\nat: 1\n");
        assertThat(errors).singleElement().asString().matches("p\\.yaml:\\d+:\\d+: YAML syntax: .+");
    }

    @Test
    void emptyAndNonMappingFilesAreReported() {
        assertThat(errorsOf("")).containsExactly("p.yaml:1:1: the file is empty");
        assertThat(errorsOf("- a\n- b\n")).singleElement().asString().startsWith("p.yaml:1:1: the profile must be a mapping");
    }

    @Test
    void missingFileIsReportedNotThrown() {
        LoadResult<FirmwareProfile> r = ProfileLoader.load(Path.of("no/such/profile.yaml"));
        assertThat(r.errors()).singleElement().asString().startsWith("no/such/profile.yaml:1:1: cannot read the profile");
    }

    /** Random edits of the shipped profile: the loader never throws, and every error has file:line:column. */
    @Test
    void mutatedProfilesNeverThrowAndAlwaysSayWhere() throws IOException {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String original = shippedText();
        String alphabet = "{}[]:,-'\"#&*!|>%@` \n\tabc019";
        for (int round = 0; round < 300; round++) {
            StringBuilder sb = new StringBuilder(original);
            int edits = 1 + random.nextInt(4);
            List<String> applied = new ArrayList<>();
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(sb.length());
                switch (random.nextInt(3)) {
                    case 0 -> { sb.deleteCharAt(at); applied.add("del@" + at); }
                    case 1 -> {
                        char c = alphabet.charAt(random.nextInt(alphabet.length()));
                        sb.insert(at, c);
                        applied.add("ins@" + at);
                    }
                    default -> {
                        char c = alphabet.charAt(random.nextInt(alphabet.length()));
                        sb.setCharAt(at, c);
                        applied.add("set@" + at);
                    }
                }
            }
            LoadResult<FirmwareProfile> r;
            try {
                r = ProfileLoader.parse("m.yaml", sb.toString());
            } catch (RuntimeException ex) {
                throw new AssertionError("seed " + seed + " round " + round + " " + applied + " threw", ex);
            }
            for (String error : r.errors()) {
                assertThat(error).as("seed %d round %d %s", seed, round, applied).matches("(?s)m\\.yaml:\\d+:\\d+: .+");
            }
        }
    }

    @Test
    void theFotaSectionIsCheckedAndOptional() throws IOException {
        String text = shippedText();
        FirmwareProfile p = ProfileLoader.parse("p.yaml", text).orElseThrow();
        assertThat(p.fota().blockSize()).isEqualTo(512);
        assertThat(p.fota().whileDownloading()).isEqualTo(FirmwareProfile.BusyCommands.ERROR);
        assertThat(p.entry("fota.progress-step").orElseThrow().source().toString()).isEqualTo("doc:7.10.6");
        String withoutFota = text.substring(0, text.indexOf("\nfota:\n") + 1);
        assertThat(ProfileLoader.parse("p.yaml", withoutFota).orElseThrow().fota())
                .isEqualTo(FirmwareProfile.Fota.DEFAULTS);
        assertThat(errorsOf(text.replace("block-size: {value: 512,", "block-size: {value: 500,")))
                .anySatisfy(e -> assertThat(e).matches("p\\.yaml:\\d+:\\d+: fota.block-size must be a CoAP block size.*"));
        assertThat(errorsOf(text.replace("while-updating: {value: ignore,", "while-updating: {value: fail-download,")))
                .anySatisfy(e -> assertThat(e).matches("p\\.yaml:\\d+:\\d+: .*fota.while-updating.*"));
        assertThat(errorsOf(text.replace("updating-line: {value: '+QIND: \"FOTA\",\"UPDATING\",${percent}%,1,1'",
                "updating-line: {value: '+QIND: \"FOTA\",\"UPDATING\"'")))
                .anySatisfy(e -> assertThat(e).contains("fota.updating-line must contain ${percent}"));
    }

    @Test
    void theParsingSectionIsCheckedAndOptional() throws IOException {
        String text = shippedText();
        FirmwareProfile p = ProfileLoader.parse("p.yaml", text).orElseThrow();
        assertThat(p.parsing()).isEqualTo(FirmwareProfile.Parsing.AT_LAYER);
        assertThat(p.entry("parsing.notify-match").orElseThrow().source().detail())
                .isEqualTo("seer300/NBIOT_XY1100 at_onenet_proc.c at_proc_miplnotify_req");
        String withoutParsing = text.substring(0, text.indexOf("\nparsing:\n") + 1);
        assertThat(ProfileLoader.parse("p.yaml", withoutParsing).orElseThrow().parsing())
                .isEqualTo(FirmwareProfile.Parsing.AT_LAYER);
        assertThat(errorsOf(text.replace("    value: skip-empty", "    value: lenient")))
                .singleElement().asString().matches("p\\.yaml:\\d+:\\d+: parsing.discover-list-split must be one of strict, skip-empty.*");
        assertThat(errorsOf(text.replace("  close-when-idle:\n", "  close-if-idle:\n")))
                .anySatisfy(e -> assertThat(e).contains("unknown key 'close-if-idle'"))
                .anySatisfy(e -> assertThat(e).contains("close-when-idle"));
    }

    @Test
    void aProfileExtendsAnotherSectionBySection(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Files.copy(SHIPPED, dir.resolve("base.yaml"));
        Files.writeString(dir.resolve("child.yaml"), """
                extends: base.yaml
                limits:
                  max-objects: {value: 2, source: assumed}
                  ins-count-max: {value: 8, source: assumed}
                  discover-length-max: {value: 255, source: "doc:3.3.9"}
                  notify-total-max: {value: 1023, source: "doc:3.3.15"}
                  read-total-max: {value: 1023, source: "doc:3.3.11"}
                  string-length-max: {value: 1024, source: "doc:3.3.15"}
                  hex-length-max: {value: 512, source: "doc:3.3.15"}
                  index-max: {value: 10, source: "doc:3.3.15"}
                """);
        FirmwareProfile base = ProfileLoader.load(dir.resolve("base.yaml")).orElseThrow();
        FirmwareProfile child = ProfileLoader.load(dir.resolve("child.yaml")).orElseThrow();
        assertThat(child.limits().maxObjects()).isEqualTo(2);
        assertThat(child.mipl()).isEqualTo(base.mipl());
        assertThat(child.errors()).isEqualTo(base.errors());
        assertThat(child.entry("limits.max-objects").orElseThrow().position()).contains("child.yaml:3:");

        // a section written in the child is merged key by key: a key left out is the base's
        Files.writeString(dir.resolve("partial.yaml"), "extends: base.yaml\nlimits:\n  max-objects: {value: 3, source: assumed}\n");
        FirmwareProfile partial = ProfileLoader.load(dir.resolve("partial.yaml")).orElseThrow();
        assertThat(partial.limits().maxObjects()).isEqualTo(3);
        assertThat(partial.limits().insCountMax()).isEqualTo(base.limits().insCountMax());
        assertThat(partial.entry("limits.max-objects").orElseThrow().position()).contains("partial.yaml:3:");
        // an unknown key in it is still reported, in the child
        Files.writeString(dir.resolve("typo.yaml"), "extends: base.yaml\nlimits:\n  max-object: {value: 3, source: assumed}\n");
        assertThat(ProfileLoader.load(dir.resolve("typo.yaml")).errors())
                .anySatisfy(e -> assertThat(e).contains("typo.yaml").contains("unknown key 'max-object'"));
        // a list section (power-up) is replaced whole
        Files.writeString(dir.resolve("boot.yaml"), "extends: base.yaml\npower-up:\n"
                + "  - {line: RDY, after: 10ms, source: assumed}\n");
        assertThat(ProfileLoader.load(dir.resolve("boot.yaml")).orElseThrow().powerUp()).hasSize(1);

        Files.writeString(dir.resolve("orphan.yaml"), "extends: nowhere.yaml\n");
        assertThat(ProfileLoader.load(dir.resolve("orphan.yaml")).errors()).singleElement().asString()
                .startsWith(dir.resolve("orphan.yaml") + ":1:10: cannot read the profile it extends");

        Files.writeString(dir.resolve("broken.yaml"), Files.readString(SHIPPED).replace("cmee: {value: 1,", "cmee: {value: one,"));
        Files.writeString(dir.resolve("on-broken.yaml"), "extends: broken.yaml\n");
        assertThat(ProfileLoader.load(dir.resolve("on-broken.yaml")).errors())
                .anySatisfy(e -> assertThat(e).contains("broken.yaml:").contains("at.cmee must be an integer"))
                .anySatisfy(e -> assertThat(e).contains("on-broken.yaml:1:10: the profile it extends"));

        Files.writeString(dir.resolve("loop.yaml"), "extends: loop.yaml\n");
        assertThat(ProfileLoader.load(dir.resolve("loop.yaml")).errors())
                .anySatisfy(e -> assertThat(e).contains("extends is nested more than"));
    }

    @Test
    void theStrictProfileLoads() {
        FirmwareProfile strict = ProfileLoader.load(Path.of("fixtures/firmware/bc260y-cn-strict.yaml")).orElseThrow();
        assertThat(strict.parsing()).isEqualTo(FirmwareProfile.Parsing.NOTE);
        assertThat(strict.origin()).endsWith("bc260y-cn-strict.yaml");
    }
}
