package org.miplhil.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The problem record, its printed form, and how results carry errors and warnings. */
class ProblemTest {

    @Test
    void printsAsFileLineColumnMessageAndAWarningSaysSo() {
        assertThat(Problem.error("s.yaml", 6, 17, "'within' must be a duration").toString())
                .isEqualTo("s.yaml:6:17: 'within' must be a duration");
        assertThat(Problem.warning("s.yaml", 2, 1, "deprecated").toString()).isEqualTo("s.yaml:2:1: warning: deprecated");
        assertThat(Problem.inFile("dir/x.yaml", "no such file or directory").position()).isEqualTo("dir/x.yaml:1:1");
    }

    @Test
    void aPositionIsNeverBeforeTheFilesStart() {
        Problem p = Problem.error("s.yaml", 0, -3, "m");
        assertThat(p.line()).isEqualTo(1);
        assertThat(p.column()).isEqualTo(1);
    }

    @Test
    void problemsSortByLineThenColumn() {
        List<Problem> sorted = List.of(Problem.error("f", 3, 1, "c"), Problem.error("f", 1, 9, "b"),
                Problem.error("f", 1, 2, "a")).stream().sorted(Problem.BY_POSITION).toList();
        assertThat(sorted).extracting(Problem::message).containsExactly("a", "b", "c");
    }

    @Test
    void aDocumentWithOnlyWarningsLoadsAndCarriesThem() {
        YamlDocument doc = YamlDocument.compose("w.yaml", "a: 1\nb: 2\n");
        doc.warning(doc.root().orElseThrow(), "just so you know");

        LoadResult<String> r = doc.result("value");

        assertThat(r.isOk()).isTrue();
        assertThat(r.orElseThrow()).isEqualTo("value");
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.isError()).isFalse();
            assertThat(p.toString()).isEqualTo("w.yaml:1:1: warning: just so you know");
        });
        assertThat(r.errors()).as("errors are what makes a file invalid").isEmpty();
    }

    @Test
    void anErrorMakesTheResultInvalidWithEveryProblemAsPrinted() {
        YamlDocument doc = YamlDocument.compose("e.yaml", "a: 1\nb: [x\n");

        LoadResult<String> r = doc.result("value");

        assertThat(r.isOk()).isFalse();
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("e.yaml");
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.message()).startsWith("YAML syntax:");
        });
        assertThat(r.errors()).containsExactly(r.problems().get(0).toString());
        assertThatThrownBy(r::orElseThrow).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("e.yaml:3:1: YAML syntax:");
    }

    @Test
    void aCutOffEscapeThatSnakeYamlLetsOutUnwrappedIsAProblemNotAnException() {
        // found by LoaderFuzzTest: SnakeYAML throws NumberFormatException for a \x escape cut off by the end of the text
        YamlDocument doc = YamlDocument.compose("x.yaml", "value: \"\\x00\\x");

        assertThat(doc.root()).isEmpty();
        assertThat(doc.problems()).singleElement().satisfies(p -> {
            assertThat(p.position()).isEqualTo("x.yaml:1:1");
            assertThat(p.message()).startsWith("YAML syntax: the text cannot be read as YAML");
        });
    }
}
