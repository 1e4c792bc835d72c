package org.miplhil.suite;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Text with {@code ${name}} placeholders, as written in a suite ({@code AT+MIPLREADRSP=0,${msgId},1,...}).
 * {@code $${} writes a literal {@code ${}. Names are a letter followed by letters, digits, {@code _ . - +}
 * ({@code +} for profile keys named after commands: {@code profile.test-responses.AT+MIPLOPEN}).
 */
public final class Template {

    /** Names a placeholder may carry: user variables, captures, and dotted built-ins such as {@code profile.errors.create.twice}. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.+\\-]*");

    private sealed interface Part permits Literal, Placeholder {}

    private record Literal(String text) implements Part {}

    private record Placeholder(String name) implements Part {}

    private final String source;
    private final List<Part> parts;

    private Template(String source, List<Part> parts) {
        this.source = source;
        this.parts = List.copyOf(parts);
    }

    /** A template with no placeholders (for text built by the harness itself). */
    public static Template literal(String text) {
        return new Template(text, List.of(new Literal(text)));
    }

    /** Parses the text; a malformed placeholder is reported, never thrown. */
    public static Parsed parse(String text) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                literal.append("${");
                i += 3;
                continue;
            }
            if (text.startsWith("${", i)) {
                int end = text.indexOf('}', i + 2);
                if (end < 0) {
                    return new Parsed(Optional.empty(), Optional.of("'${' at character " + (i + 1)
                            + " is not closed with '}' (write $${ for a literal ${)"));
                }
                String name = text.substring(i + 2, end);
                if (!NAME.matcher(name).matches()) {
                    return new Parsed(Optional.empty(), Optional.of("'${" + name + "}' is not a variable name"
                            + " (a letter, then letters, digits, _ . - +)"));
                }
                if (literal.length() > 0) {
                    parts.add(new Literal(literal.toString()));
                    literal.setLength(0);
                }
                parts.add(new Placeholder(name));
                i = end + 1;
                continue;
            }
            literal.append(text.charAt(i));
            i++;
        }
        if (literal.length() > 0 || parts.isEmpty()) {
            parts.add(new Literal(literal.toString()));
        }
        return new Parsed(Optional.of(new Template(text, parts)), Optional.empty());
    }

    /** Outcome of {@link #parse}: a template, or the reason it is malformed. */
    public record Parsed(Optional<Template> template, Optional<String> error) {}

    /** The text as written in the suite. */
    public String source() {
        return source;
    }

    /** Names used, in order of first use. */
    public List<String> variables() {
        List<String> names = new ArrayList<>();
        for (Part p : parts) {
            if (p instanceof Placeholder ph && !names.contains(ph.name())) {
                names.add(ph.name());
            }
        }
        return names;
    }

    public boolean hasVariables() {
        return parts.stream().anyMatch(p -> p instanceof Placeholder);
    }

    /** The text with each placeholder replaced by its value; empty naming the first unknown variable otherwise. */
    public Rendered render(Map<String, String> values) {
        return render(values, false);
    }

    /** As {@link #render}, each value quoted so that it matches literally inside a regular expression. */
    public Rendered renderRegex(Map<String, String> values) {
        return render(values, true);
    }

    private Rendered render(Map<String, String> values, boolean quote) {
        StringBuilder out = new StringBuilder();
        for (Part p : parts) {
            if (p instanceof Literal l) {
                out.append(l.text());
            } else {
                String name = ((Placeholder) p).name();
                String v = values.get(name);
                if (v == null) {
                    return new Rendered(Optional.empty(), Optional.of(name));
                }
                out.append(quote ? Pattern.quote(v) : v);
            }
        }
        return new Rendered(Optional.of(out.toString()), Optional.empty());
    }

    /** Outcome of rendering: the text, or the first variable that has no value. */
    public record Rendered(Optional<String> text, Optional<String> missing) {}

    @Override
    public boolean equals(Object o) {
        return o instanceof Template t && t.source.equals(source);
    }

    @Override
    public int hashCode() {
        return source.hashCode();
    }

    @Override
    public String toString() {
        return source;
    }
}
