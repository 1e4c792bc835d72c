package org.miplhil.suite;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What a line must be: its exact text, or a regular expression ({@code re:} / {@code regex:} prefix) searched in
 * the line, whose named groups ({@code (?<msgId>\d+)}) become variables. Both may use {@code ${name}}; inside a
 * regular expression a value matches literally.
 */
public sealed interface TextMatch {

    /** The text as written in the suite, prefix included. */
    String source();

    /** Variables this match defines when it matches (named groups); none for exact text. */
    List<String> captures();

    /**
     * Matches one line. Empty when it does not match; otherwise the captured values (empty map for exact text).
     * A variable without a value, or a regular expression that no longer compiles once values are in, does not match.
     */
    Optional<Map<String, String>> match(String line, Map<String, String> variables);

    /** The whole line, after interpolation, equals the text. */
    record Exact(Template text) implements TextMatch {
        @Override
        public String source() {
            return text.source();
        }

        @Override
        public List<String> captures() {
            return List.of();
        }

        @Override
        public Optional<Map<String, String>> match(String line, Map<String, String> variables) {
            return text.render(variables).text().filter(line::equals).map(t -> Map.of());
        }
    }

    /** A regular expression (after interpolation) found in the line; {@code source} keeps the prefix as written. */
    record Regex(String source, Template pattern, List<String> captures) implements TextMatch {
        public Regex {
            captures = List.copyOf(captures);
        }

        @Override
        public Optional<Map<String, String>> match(String line, Map<String, String> variables) {
            Optional<String> p = pattern.renderRegex(variables).text();
            if (p.isEmpty()) {
                return Optional.empty();
            }
            Matcher m;
            try {
                m = Pattern.compile(p.get()).matcher(line);
            } catch (PatternSyntaxException e) {
                return Optional.empty();
            }
            if (!m.find()) {
                return Optional.empty();
            }
            Map<String, String> captured = new LinkedHashMap<>();
            for (String name : captures) {
                String v = m.group(name);
                if (v != null) {
                    captured.put(name, v);
                }
            }
            return Optional.of(captured);
        }
    }
}
