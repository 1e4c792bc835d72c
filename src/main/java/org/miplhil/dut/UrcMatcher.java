package org.miplhil.dut;

import org.miplhil.at.EventId;
import org.miplhil.at.MiplEvent;
import org.miplhil.at.MiplUrc;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a URC wait looks for, and what it gives back when it finds it: the typed URC, the regular-expression
 * match, or the journal entry. {@link #description()} is what failure messages say was awaited.
 */
public interface UrcMatcher<T> {

    /** The value for a matching URC, empty for any other. */
    Optional<T> match(JournalEntry.Received urc);

    /** E.g. {@code +MIPLREAD} or {@code /\+MIPLEVENT: 0,6/}. */
    String description();

    /** The whole line matches {@code regex}; gives the match (groups included). */
    static UrcMatcher<MatchResult> regex(String regex) {
        Pattern pattern = Pattern.compile(regex);
        return of("/" + regex + "/", urc -> {
            Matcher m = pattern.matcher(urc.text());
            return m.matches() ? Optional.of(m.toMatchResult()) : Optional.empty();
        });
    }

    /** The line is exactly {@code text}. */
    static UrcMatcher<String> text(String text) {
        Objects.requireNonNull(text, "text");
        return of("\"" + text + "\"", urc -> urc.text().equals(text) ? Optional.of(text) : Optional.empty());
    }

    /** The line parses to a URC of that type (e.g. {@code MiplRead.class}); gives it. */
    static <T extends MiplUrc> UrcMatcher<T> type(Class<T> type) {
        return type(type, t -> true, type.getSimpleName());
    }

    /** The line parses to a URC of that type that satisfies {@code condition}. */
    static <T extends MiplUrc> UrcMatcher<T> type(Class<T> type, Predicate<? super T> condition, String description) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(condition, "condition");
        return of(description, urc -> urc.urc().filter(type::isInstance).map(type::cast).filter(condition));
    }

    /** {@code +MIPLEVENT: <ref>,<evtId>...} with that event id (5.7). */
    static UrcMatcher<MiplEvent> event(EventId event) {
        return type(MiplEvent.class, e -> e.evtId() == event.id(), "+MIPLEVENT " + event.id() + " (" + event + ")");
    }

    /** Any URC satisfying {@code condition}; gives its journal entry. */
    static UrcMatcher<JournalEntry.Received> where(Predicate<JournalEntry.Received> condition, String description) {
        Objects.requireNonNull(condition, "condition");
        return of(description, urc -> condition.test(urc) ? Optional.of(urc) : Optional.empty());
    }

    /** Any URC at all. */
    static UrcMatcher<JournalEntry.Received> any() {
        return where(urc -> true, "any URC");
    }

    private static <T> UrcMatcher<T> of(String description, java.util.function.Function<JournalEntry.Received, Optional<T>> f) {
        return new UrcMatcher<>() {
            @Override
            public Optional<T> match(JournalEntry.Received urc) {
                return f.apply(urc);
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public String toString() {
                return description;
            }
        };
    }
}
