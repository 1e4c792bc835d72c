package org.miplhil.suite.run;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A tag expression in the JUnit Platform's syntax ({@code doc:3.3.7 & !slow}, {@code AT+MIPLOPEN | ets:101},
 * {@code any()}, {@code none()}), so that {@code ./mipl-hil run --tags} and Maven's {@code -Dgroups} select the same
 * cases. Our own parser over the syntax the JUnit 5 user guide documents ("Tag Expressions"): {@code !} binds
 * tighter than {@code &}, which binds tighter than {@code |}; parentheses group; {@code any()} (a case with a tag)
 * and {@code none()} (a case without) in any letter case. A tag is a run of characters other than white space and
 * {@code ( ) ! | &}, valid as a JUnit tag (no control characters, no comma) and compared exactly. Suite tags are
 * valid JUnit tags as written: the suite loader refuses spaces and the characters {@code , ( ) & | !}.
 *
 * <p>Parsing never throws: a bad expression is an error message naming what is wrong and where (0-based index).
 */
public final class TagSelection {

    private final String expression;
    private final Node parsed;

    private TagSelection(String expression, Node parsed) {
        this.expression = expression;
        this.parsed = parsed;
    }

    /** Every case. */
    public static TagSelection all() {
        return new TagSelection("", null);
    }

    /** The expression, or why it is not one. */
    public static Parsed parse(String expression) {
        if (expression == null || expression.isBlank()) {
            return new Parsed(Optional.of(all()), Optional.empty());
        }
        try {
            Node node = new Reader(expression).expression();
            return new Parsed(Optional.of(new TagSelection(expression.strip(), node)), Optional.empty());
        } catch (Bad bad) {
            return new Parsed(Optional.empty(),
                    Optional.of("invalid tag expression '" + expression + "': " + bad.getMessage()));
        }
    }

    /** Outcome of {@link #parse}. */
    public record Parsed(Optional<TagSelection> selection, Optional<String> error) {}

    public boolean matches(Collection<String> tags) {
        if (parsed == null) {
            return true;
        }
        // as the JUnit Platform does: a case's tag that is not a valid JUnit tag is not one of its tags
        Set<String> valid = tags.stream().filter(TagSelection::validTag).collect(Collectors.toSet());
        return parsed.test(valid);
    }

    /** The expression as given; empty for every case. */
    public String expression() {
        return expression;
    }

    public boolean selectsAll() {
        return parsed == null;
    }

    /** A valid JUnit tag (TestTag.isValid): not blank, no white space, no control character, none of , ( ) & | !. */
    static boolean validTag(String tag) {
        if (tag == null || tag.isBlank()) {
            return false;
        }
        return tag.codePoints().noneMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c)
                || ",()&|!".indexOf(c) >= 0);
    }

    // ---------------------------------------------------------------- the expression

    /** A parsed expression, evaluated against a case's valid tags. */
    private sealed interface Node {
        boolean test(Set<String> tags);
    }

    private record Tag(String name) implements Node {
        public boolean test(Set<String> tags) {
            return tags.contains(name);
        }
    }

    private record AnyTag() implements Node {
        public boolean test(Set<String> tags) {
            return !tags.isEmpty();
        }
    }

    private record NoTag() implements Node {
        public boolean test(Set<String> tags) {
            return tags.isEmpty();
        }
    }

    private record Not(Node operand) implements Node {
        public boolean test(Set<String> tags) {
            return !operand.test(tags);
        }
    }

    private record And(Node lhs, Node rhs) implements Node {
        public boolean test(Set<String> tags) {
            return lhs.test(tags) && rhs.test(tags);
        }
    }

    private record Or(Node lhs, Node rhs) implements Node {
        public boolean test(Set<String> tags) {
            return lhs.test(tags) || rhs.test(tags);
        }
    }

    /** Why an expression is not one; caught in {@link #parse}, never leaves this class. */
    private static final class Bad extends Exception {
        Bad(String message) {
            super(message, null, false, false);
        }
    }

    private record Token(String text, int index) {
        boolean is(String s) {
            return text.equals(s);
        }

        boolean operator() {
            return text.length() == 1 && "()!|&".contains(text);
        }
    }

    /** Recursive descent: or := and ('|' and)*; and := unary ('&' unary)*; unary := '!' unary | '(' or ')' | leaf. */
    private static final class Reader {
        private final List<Token> tokens;
        private int next;

        Reader(String text) {
            this.tokens = tokens(text);
        }

        Node expression() throws Bad {
            if (tokens.isEmpty()) {
                throw new Bad("empty tag expression");
            }
            Node node = or();
            if (next < tokens.size()) {
                Token t = tokens.get(next);
                throw new Bad(t.is(")") ? "missing opening parenthesis for ')' at index " + t.index()
                        : "missing operator before '" + t.text() + "' at index " + t.index());
            }
            return node;
        }

        private Node or() throws Bad {
            Node node = and();
            while (peek("|")) {
                Token op = tokens.get(next++);
                node = new Or(node, operand(op, this::and));
            }
            return node;
        }

        private Node and() throws Bad {
            Node node = unary();
            while (peek("&")) {
                Token op = tokens.get(next++);
                node = new And(node, operand(op, this::unary));
            }
            return node;
        }

        private Node unary() throws Bad {
            Token t = tokens.get(next);
            if (t.is("!")) {
                next++;
                return new Not(operand(t, this::unary));
            }
            if (t.is("(")) {
                next++;
                if (peek(")")) {
                    throw new Bad("nothing between '(' at index " + t.index() + " and ')'");
                }
                Node inner = operand(t, this::or);
                if (!peek(")")) {
                    throw new Bad("missing closing parenthesis for '(' at index " + t.index());
                }
                next++;
                return inner;
            }
            if (t.operator()) {
                throw new Bad("missing lhs operand for '" + t.text() + "' at index " + t.index());
            }
            next++;
            String lower = t.text().toLowerCase(Locale.ROOT);
            if (lower.equals("any()")) {
                return new AnyTag();
            }
            if (lower.equals("none()")) {
                return new NoTag();
            }
            if (!validTag(t.text())) {
                throw new Bad("'" + t.text() + "' at index " + t.index() + " is not a valid tag");
            }
            return new Tag(t.text());
        }

        /** The operand right of {@code op}: missing at the end of the expression or before a closing one. */
        private Node operand(Token op, Part part) throws Bad {
            if (next >= tokens.size() || tokens.get(next).is(")") || tokens.get(next).is("&")
                    || tokens.get(next).is("|")) {
                throw new Bad("missing rhs operand for '" + op.text() + "' at index " + op.index());
            }
            return part.read();
        }

        private boolean peek(String s) {
            return next < tokens.size() && tokens.get(next).is(s);
        }

        private interface Part {
            Node read() throws Bad;
        }

        /** White space apart; {@code any()} and {@code none()} as one token; then the operators and the names. */
        private static List<Token> tokens(String text) {
            List<Token> out = new ArrayList<>();
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (regexSpace(c)) {
                    i++;
                    continue;
                }
                String rest = text.substring(i).toLowerCase(Locale.ROOT);
                int fn = rest.startsWith("any()") ? 5 : rest.startsWith("none()") ? 6 : 0;
                if (fn > 0) {
                    out.add(new Token(text.substring(i, i + fn), i));
                    i += fn;
                } else if ("()!|&".indexOf(c) >= 0) {
                    out.add(new Token(String.valueOf(c), i));
                    i++;
                } else {
                    int start = i;
                    while (i < text.length() && !regexSpace(text.charAt(i)) && "()!|&".indexOf(text.charAt(i)) < 0) {
                        i++;
                    }
                    out.add(new Token(text.substring(start, i), start));
                }
            }
            return out;
        }

        /** The separators between tokens: the characters of {@code \s} (a tag may hold other white space no more). */
        private static boolean regexSpace(char c) {
            return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
        }
    }
}
