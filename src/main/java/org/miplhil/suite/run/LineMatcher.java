package org.miplhil.suite.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.miplhil.dut.JournalEntry;
import org.miplhil.dut.UrcMatcher;
import org.miplhil.suite.Template;
import org.miplhil.suite.TextMatch;

/**
 * A suite's {@link TextMatch} as a journal matcher: the text or pattern is rendered with the variables and
 * compiled once, not for every line looked at. {@code bindings} is read when rendering and, when the line matches,
 * receives the captures, so that in an in-order expectation a later pattern can use what an earlier one captured
 * (it is rendered again once the variables it needs are there).
 */
final class LineMatcher implements UrcMatcher<Map<String, String>> {

    private final TextMatch match;
    private final Map<String, String> bindings;
    private String exact;
    private Pattern pattern;
    private List<String> captures;

    LineMatcher(TextMatch match, Map<String, String> bindings) {
        this.match = match;
        this.bindings = bindings;
        prepare();
    }

    /** Renders and compiles when every variable has a value; false while one is missing. */
    private boolean prepare() {
        if (exact != null || pattern != null) {
            return true;
        }
        if (match instanceof TextMatch.Exact e) {
            exact = e.text().render(bindings).text().orElse(null);
            return exact != null;
        }
        TextMatch.Regex r = (TextMatch.Regex) match;
        Template.Rendered rendered = r.pattern().renderRegex(bindings);
        if (rendered.text().isEmpty()) {
            return false;
        }
        try {
            pattern = Pattern.compile(rendered.text().get());
            captures = r.captures();
        } catch (PatternSyntaxException e) {
            return false; // the validator compiled it with stand-in values; a value broke it: it cannot match
        }
        return true;
    }

    /** Matches one line of text; the captures when it matches. */
    Optional<Map<String, String>> matchText(String line) {
        if (!prepare()) {
            return Optional.empty();
        }
        if (exact != null) {
            return line.equals(exact) ? Optional.of(Map.of()) : Optional.empty();
        }
        Matcher m = pattern.matcher(line);
        if (!m.find()) {
            return Optional.empty();
        }
        if (captures.isEmpty()) {
            return Optional.of(Map.of());
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

    @Override
    public Optional<Map<String, String>> match(JournalEntry.Received urc) {
        Optional<Map<String, String>> m = matchText(urc.text());
        m.ifPresent(bindings::putAll);
        return m;
    }

    @Override
    public String description() {
        return match.source();
    }

    @Override
    public String toString() {
        return match.source();
    }
}
