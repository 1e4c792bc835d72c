package org.miplhil.suite.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The JUnit Platform's tag-expression syntax, read by our own parser (docs/running.md "Tag expressions"). */
class TagSelectionTest {

    private static TagSelection selection(String expression) {
        TagSelection.Parsed p = TagSelection.parse(expression);
        assertThat(p.error()).as(expression).isEmpty();
        return p.selection().orElseThrow();
    }

    @Test
    void theDocumentedExamples() {
        TagSelection s = selection("doc:3.3.7 & !slow");
        assertThat(s.matches(Set.of("doc:3.3.7"))).isTrue();
        assertThat(s.matches(Set.of("doc:3.3.7", "slow"))).isFalse();
        assertThat(s.matches(Set.of("doc:3.3.8"))).isFalse();

        TagSelection either = selection("AT+MIPLOPEN | ets:101");
        assertThat(either.matches(Set.of("ets:101"))).isTrue();
        assertThat(either.matches(Set.of("AT+MIPLOPEN"))).isTrue();
        assertThat(either.matches(Set.of("at+miplopen"))).as("tags compare exactly").isFalse();

        TagSelection grouped = selection("(doc:3.3.15 | doc:5.7) & !sim-only");
        assertThat(grouped.matches(Set.of("doc:5.7"))).isTrue();
        assertThat(grouped.matches(Set.of("doc:5.7", "sim-only"))).isFalse();
        assertThat(selection("!slow").matches(Set.of())).isTrue();
    }

    @Test
    void precedenceNotThenAndThenOr() {
        TagSelection s = selection("a | b & !c"); // a | (b & (!c))
        assertThat(s.matches(Set.of("a", "c"))).isTrue();
        assertThat(s.matches(Set.of("b", "c"))).isFalse();
        assertThat(s.matches(Set.of("b"))).isTrue();
        assertThat(selection("!a & b").matches(Set.of("b"))).isTrue(); // (!a) & b
        assertThat(selection("!!a").matches(Set.of("a"))).isTrue();
        assertThat(selection("!(a|b)").matches(Set.of("b"))).isFalse();
    }

    @Test
    void anyAndNone() {
        assertThat(selection("any()").matches(Set.of("x"))).isTrue();
        assertThat(selection("any()").matches(Set.of())).isFalse();
        assertThat(selection("NONE()").matches(Set.of())).isTrue();
        assertThat(selection("none()|slow").matches(Set.of("slow"))).isTrue();
        // a case's tag that is not a valid JUnit tag is no tag of it
        assertThat(selection("any()").matches(Set.of("has space"))).isFalse();
    }

    @Test
    void blankSelectsEverything() {
        assertThat(selection("  ").selectsAll()).isTrue();
        assertThat(TagSelection.parse(null).selection().orElseThrow().matches(Set.of())).isTrue();
        assertThat(selection(" a ").expression()).isEqualTo("a");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "doc:3.3.4 &;          missing rhs operand for '&' at index 10",
        "(a;                   missing closing parenthesis for '(' at index 0",
        "a);                   missing opening parenthesis for ')' at index 1",
        "a b;                  missing operator before 'b' at index 2",
        "!;                    missing rhs operand for '!' at index 0",
        "& a;                  missing lhs operand for '&' at index 0",
        "();                   nothing between '(' at index 0 and ')'",
        "a,b;                  'a,b' at index 0 is not a valid tag",
        "any();                ''",
        "a | | b;              missing rhs operand for '|' at index 2",
        "any ();               missing operator before '(' at index 4",
    })
    void badExpressionsAreReportedWithWhereAndWhy(String expression, String why) {
        TagSelection.Parsed p = TagSelection.parse(expression);
        if (why.isEmpty()) {
            assertThat(p.error()).isEmpty();
            return;
        }
        assertThat(p.selection()).isEmpty();
        assertThat(p.error()).contains("invalid tag expression '" + expression + "': " + why);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0001b", "a\u2003b", "\u0000"})
    void tagsThatAreNoJUnitTagsAreReported(String expression) {
        assertThat(TagSelection.parse(expression).error()).hasValueSatisfying(e -> assertThat(e).contains("not a valid tag"));
    }

    // ---------------------------------------------------------------- properties

    private static final List<String> NAMES = List.of("a", "b", "doc:3.3.7", "ets:101", "AT+MIPLOPEN", "slow");

    /** A random expression as a predicate over tag sets, written out with random spacing and redundant parentheses. */
    private record Generated(String text, Predicate<Set<String>> meaning) {}

    private static Generated generate(Random r, int depth) {
        int kind = depth == 0 ? r.nextInt(3) : r.nextInt(7);
        return switch (kind) {
            case 0, 1 -> {
                String n = NAMES.get(r.nextInt(NAMES.size()));
                yield new Generated(n, t -> t.contains(n));
            }
            case 2 -> r.nextBoolean() ? new Generated(r.nextBoolean() ? "any()" : "Any()", t -> !t.isEmpty())
                    : new Generated("none()", Set::isEmpty);
            case 3 -> {
                Generated g = generate(r, depth - 1);
                yield new Generated("!" + space(r) + paren(g.text()), g.meaning().negate());
            }
            case 4 -> {
                Generated g = generate(r, depth - 1);
                yield new Generated("(" + space(r) + g.text() + space(r) + ")", g.meaning());
            }
            default -> {
                Generated lhs = generate(r, depth - 1);
                Generated rhs = generate(r, depth - 1);
                boolean and = kind == 5;
                String text = paren(lhs.text()) + space(r) + (and ? "&" : "|") + space(r) + paren(rhs.text());
                yield new Generated(text, and ? lhs.meaning().and(rhs.meaning()) : lhs.meaning().or(rhs.meaning()));
            }
        };
    }

    private static String paren(String text) {
        return "(" + text + ")";
    }

    private static String space(Random r) {
        return List.of("", " ", "  ", "\t").get(r.nextInt(4));
    }

    @Test
    void everyGeneratedExpressionMeansWhatItSays() {
        for (long seed = 0; seed < 2000; seed++) {
            Random r = new Random(seed);
            Generated g = generate(r, 4);
            TagSelection.Parsed p = TagSelection.parse(g.text());
            assertThat(p.error()).as("seed %d: %s", seed, g.text()).isEmpty();
            for (int k = 0; k < 8; k++) {
                Set<String> tags = Set.copyOf(NAMES.stream().filter(n -> r.nextInt(3) == 0).toList());
                assertThat(p.selection().orElseThrow().matches(tags)).as("seed %d: %s on %s", seed, g.text(), tags)
                        .isEqualTo(g.meaning().test(tags));
            }
        }
    }

    @Test
    void withoutRedundantParenthesesPrecedenceDecides() {
        // a & b | c & !d  ==  (a & b) | (c & (!d))
        TagSelection s = selection("a & b | c & !d");
        for (int bits = 0; bits < 16; bits++) {
            List<String> tags = new ArrayList<>();
            boolean a = (bits & 1) != 0, b = (bits & 2) != 0, c = (bits & 4) != 0, d = (bits & 8) != 0;
            if (a) tags.add("a");
            if (b) tags.add("b");
            if (c) tags.add("c");
            if (d) tags.add("d");
            assertThat(s.matches(tags)).as("%s", tags).isEqualTo(a && b || c && !d);
        }
    }

    @Test
    void noStringMakesTheParserThrow() {
        String alphabet = "ab(()!&|| ,\t\u0001:+";
        String[] words = {"any()", "none()", "any(", "none", ")("};
        for (long seed = 0; seed < 20000; seed++) {
            Random r = new Random(seed);
            StringBuilder sb = new StringBuilder();
            int len = r.nextInt(14);
            for (int i = 0; i < len; i++) {
                if (r.nextInt(6) == 0) {
                    sb.append(words[r.nextInt(words.length)]);
                } else {
                    sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
                }
            }
            String text = sb.toString();
            TagSelection.Parsed p = TagSelection.parse(text);
            // exactly one of the two, and an error names the expression
            assertThat(p.selection().isPresent()).as("seed %d: '%s'", seed, text).isNotEqualTo(p.error().isPresent());
            p.error().ifPresent(e -> assertThat(e).startsWith("invalid tag expression '" + text + "': "));
            p.selection().ifPresent(s -> s.matches(Set.of("a", "b")));
        }
    }
}
