package org.miplhil.mutate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.selfcheck.PlanFile;
import org.miplhil.yaml.LoadResult;

/** equivalent.yaml: good entries, bad ones with their positions, stale ones; the plan loader skips the file. */
class EquivalentsTest {

    private static final Optional<Collection<String>> IDS = Optional.of(List.of("duplicate/urc-MIPLEVENT-26",
            "delay-within-deadline/cmd-MIPLOPEN", "delay-within-deadline/urc-MIPLREAD", "drop/urc-MIPLEVENT-6"));

    @TempDir
    Path dir;

    @Test
    void entriesNameMutantsByIdOrGlob() {
        LoadResult<Equivalents> r = Equivalents.parse("e.yaml", """
                - mutant: duplicate/urc-MIPLEVENT-26
                  reason: "模组在收到平台的ACK后上报 — the module reports it when the platform's ACK arrives"
                  section: "5.7"
                - mutant: 'delay-within-deadline/*'
                  reason: a gloss
                  section: "3.2"
                """, IDS);
        assertThat(r.errors()).isEmpty();
        Equivalents e = r.orElseThrow();
        assertThat(e.entries()).hasSize(2);
        assertThat(e.find("duplicate/urc-MIPLEVENT-26")).map(Equivalents.Entry::section).contains("5.7");
        assertThat(e.find("delay-within-deadline/urc-MIPLREAD")).map(Equivalents.Entry::reason).contains("a gloss");
        assertThat(e.find("drop/urc-MIPLEVENT-6")).isEmpty();
        assertThat(e.entries().get(0).position()).isEqualTo("e.yaml:1:11");
    }

    @Test
    void badEntriesAreReportedWithTheirPositionAndNeverThrow() {
        LoadResult<Equivalents> r = Equivalents.parse("e.yaml", """
                - mutant: drop/urc-MIPLEVENT-6
                  section: "5.7"
                - mutant: drop/urc-MIPLEVENT-6
                  reason: "x"
                  section: chapter five
                - mutant: drop/urc-MIPLEVENT-6
                  reason: "x"
                  section: "5.7"
                  because: "y"
                - just a text
                """, IDS);
        assertThat(r.isOk()).isFalse();
        assertThat(r.errors()).containsExactly(
                "e.yaml:1:3: entry 0 is missing the key 'reason'",
                "e.yaml:5:12: 'section' must be a section of the note such as 5.7, found 'chapter five'",
                "e.yaml:9:3: unknown key 'because' in entry 2 (known: mutant, reason, section)",
                "e.yaml:10:3: entry 3 must be a mapping (key: value), found 'just a text'");
        assertThat(Equivalents.parse("e.yaml", "a: [", IDS).errors()).singleElement().asString()
                .startsWith("e.yaml:").contains("YAML syntax");
        assertThat(Equivalents.parse("e.yaml", "{mutant: x}", IDS).errors()).singleElement().asString()
                .contains("must be a list");
    }

    @Test
    void anEntryNamingNoGeneratedMutantIsStale() {
        LoadResult<Equivalents> r = Equivalents.parse("e.yaml", """
                - mutant: 'garble/*'
                  reason: "x"
                  section: "5.1"
                """, IDS);
        assertThat(r.errors()).containsExactly("e.yaml:1:11: 'garble/*' names no generated mutant (stale entry:"
                + " remove it, or name the mutant as ./mipl-hil mutate --list prints it)");
        // without a generator in the build, nothing can be stale
        assertThat(Equivalents.parse("e.yaml", "- {mutant: 'garble/*', reason: x, section: '5.1'}\n",
                Optional.empty()).errors()).isEmpty();
    }

    @Test
    void commentsOnlyOrAnEmptyListOrNoFileIsNone() throws Exception {
        assertThat(Equivalents.parse("e.yaml", "# nothing yet\n", IDS).orElseThrow().entries()).isEmpty();
        assertThat(Equivalents.parse("e.yaml", "[]\n", IDS).orElseThrow().entries()).isEmpty();
        assertThat(Equivalents.load(dir.resolve("missing.yaml"), IDS).orElseThrow().entries()).isEmpty();
        assertThat(Equivalents.load(Path.of("fixtures/faults", Equivalents.FILE_NAME), Optional.empty()).errors())
                .as("the shipped list loads").isEmpty();
    }

    @Test
    void thePlanLoaderSkipsTheListInADirectory() throws Exception {
        Files.copy(Path.of("fixtures/faults/ver-wrong.yaml"), dir.resolve("ver-wrong.yaml"));
        Files.writeString(dir.resolve(Equivalents.FILE_NAME), "- {mutant: x, reason: y, section: '5.7'}\n");
        PlanFile.Loaded loaded = PlanFile.load(dir);
        assertThat(loaded.errors()).isEmpty();
        assertThat(loaded.plans()).extracting(PlanFile::name).containsExactly("ver-wrong");
    }

    @Test
    void globsMatchWholeIds() {
        assertThat(Equivalents.glob("drop/*").matcher("drop/urc-MIPLEVENT-6").matches()).isTrue();
        assertThat(Equivalents.glob("drop/urc-MIPLEVENT-?").matcher("drop/urc-MIPLEVENT-6").matches()).isTrue();
        assertThat(Equivalents.glob("drop").matcher("drop/urc-MIPLEVENT-6").matches()).isFalse();
        assertThat(Equivalents.glob("a.b").matcher("axb").matches()).as("a dot is a dot").isFalse();
    }
}
