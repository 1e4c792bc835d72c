package org.miplhil.suite;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** How a FOTA campaign must end, as the platform sees it ({@code expect-fota}). */
public sealed interface FotaExpectation {

    /** The word of the suite format: {@code succeeded}, {@code failed}, {@code timed-out}. */
    String word();

    /** The campaign steps (each {@code name: detail}) that must be among the campaign's, in this order. */
    List<TextMatch> steps();

    /** The device registered again and reported success and the version ({@code version}; default: the campaign's). */
    record Succeeded(Optional<Template> version, List<TextMatch> steps) implements FotaExpectation {
        public Succeeded {
            steps = List.copyOf(steps);
        }

        @Override
        public String word() {
            return "succeeded";
        }
    }

    /** The campaign failed; {@code result}: the update result /5/0/5 the device reported (-1: it reported none). */
    record Failed(OptionalInt result, List<TextMatch> steps) implements FotaExpectation {
        public Failed {
            steps = List.copyOf(steps);
        }

        @Override
        public String word() {
            return "failed";
        }
    }

    /** A phase of the campaign ran out (6.2: after a cut the module reports nothing); {@code phase}: which one. */
    record TimedOut(Optional<TextMatch> phase, List<TextMatch> steps) implements FotaExpectation {
        public TimedOut {
            steps = List.copyOf(steps);
        }

        @Override
        public String word() {
            return "timed-out";
        }
    }

    /** Any of the alternatives ({@code expect-fota: [timed-out, failed]}): 6.2 leaves it open in some cases. */
    record AnyOf(List<FotaExpectation> alternatives, List<TextMatch> steps) implements FotaExpectation {
        public AnyOf {
            alternatives = List.copyOf(alternatives);
            steps = List.copyOf(steps);
        }

        @Override
        public String word() {
            return String.join(" or ", alternatives.stream().map(FotaExpectation::word).toList());
        }
    }
}
