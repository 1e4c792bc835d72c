package org.miplhil.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.miplhil.invariant.Invariant;
import org.miplhil.invariant.InvariantOptOut;

/** A case's {@code invariants: {except, because}}: read into the model, every mistake reported at its place. */
class InvariantsKeyTest {

    @TempDir
    Path tmp;

    SuiteFixture fx;

    @BeforeEach
    void setUp() {
        fx = new SuiteFixture(tmp);
    }

    private static String suite(String invariants) {
        return """
                suite: S
                cases:
                  - name: a case
                    steps:
                      - send: AT
                  - name: the other
                %s    steps:
                      - send: AT
                """.formatted(invariants);
    }

    @Test
    void theOptOutIsReadAndACaseWithoutOneKeepsEveryInvariant() {
        Suite s = fx.valid(suite("""
                    invariants:
                      except: [no-duplicate-urc, urc-line-format]
                      because: "the suite's fault plan doubles event 6"
                """));
        assertThat(s.cases().get(0).invariants()).isEqualTo(InvariantOptOut.NONE);
        assertThat(s.cases().get(1).invariants()).isEqualTo(new InvariantOptOut(
                Set.of(Invariant.NO_DUPLICATE_URC, Invariant.URC_LINE_FORMAT), "the suite's fault plan doubles event 6"));
    }

    @Test
    void anUnknownInvariantAMissingReasonAndAnEmptyListAreErrors() {
        assertThat(fx.parse(suite("""
                    invariants: {except: [no-duplicates], because: x}
                """)).errors()).singleElement().asString().contains(":7:").contains("an invariant must be one of"
                + " no-duplicate-urc, no-unlisted-urc, no-orphan-result, request-answered-or-expired, urc-line-format,"
                + " found 'no-duplicates'");
        assertThat(fx.parse(suite("""
                    invariants: {except: [no-orphan-result]}
                """)).errors()).singleElement().asString().contains("because");
        assertThat(fx.parse(suite("""
                    invariants: {except: [], because: x}
                """)).errors()).singleElement().asString().contains("'except' names no invariant");
        assertThat(fx.parse(suite("""
                    invariants: {except: [no-orphan-result], because: x, also: y}
                """)).errors()).singleElement().asString().contains("also");
    }
}
