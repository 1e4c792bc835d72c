package org.miplhil.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's profile copy that {@code extends:} another profile (bc260y-cn-strict.yaml, a release's candidate profile)
 * is compared with its base's keys filled in, found beside the profile the run named: only what the variant
 * changes differs, not every key the copy leaves to its base.
 */
class ProfileDiffExtendsTest {

    @TempDir
    Path dir;

    private RunResults run(String name, Path profile, String copyText) throws Exception {
        Path report = Files.createDirectories(dir.resolve(name));
        Files.writeString(report.resolve("profile.yaml"), copyText);
        return new RunResults(report, List.of(new RunRecord("", "sim", "", profile.toString(), "", "profile.yaml",
                "")), List.of(), List.of());
    }

    @Test
    void aVariantDiffersFromItsBaseOnlyWhereItWritesAKey() throws Exception {
        Path base = Path.of("fixtures/firmware/bc260y-cn.yaml");
        Path variant = Path.of("fixtures/firmware/bc260y-cn-beta0721.yaml");
        RunResults b = run("b", base, Files.readString(base));
        RunResults c = run("c", variant, Files.readString(variant));
        assertThat(ProfileDiff.of(b, c)).singleElement().satisfies(change -> assertThat(change.toString())
                .contains("identity.revision", "BC260YCNAAR01A03", "BC260YCNAAR01A03_BETA0721"));
        // a base that cannot be found: the copy as it is (its own keys only), never an exception
        RunResults lost = run("lost", dir.resolve("elsewhere/x.yaml"), Files.readString(variant));
        assertThat(ProfileDiff.of(b, lost)).isNotEmpty();
    }
}
