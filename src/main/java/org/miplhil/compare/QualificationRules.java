package org.miplhil.compare;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Verdict rules of a release qualification, as {@code fixtures/qualification/*.yaml} writes them.
 *
 * @param requiredTags      cases with any of these tags must have run in the candidate and passed
 * @param regressions       whether newly failing cases are allowed, and where anyway
 * @param measurements      limits and allowed shifts per measurement name or pattern
 * @param minRepeats        every case must have run at least this often on each module (0: no rule)
 */
public record QualificationRules(String file, String description, List<String> requiredTags,
                                 Regressions regressions, List<MeasurementRule> measurements, int minRepeats) {

    public QualificationRules {
        requiredTags = List.copyOf(requiredTags);
        measurements = List.copyOf(measurements);
    }

    /**
     * @param allowed     true: regressions never fail the verdict
     * @param allowedTags a regression of a case with one of these tags is tolerated
     * @param allowedSuites a regression in one of these suites is tolerated
     */
    public record Regressions(boolean allowed, List<String> allowedTags, List<String> allowedSuites) {
        public Regressions {
            allowedTags = List.copyOf(allowedTags);
            allowedSuites = List.copyOf(allowedSuites);
        }
    }

    /**
     * A rule on the measurements whose name equals {@code name} or matches {@code pattern} (a regular expression,
     * found anywhere in the name).
     *
     * @param max      no value of the candidate above it (in the measurement's unit)
     * @param p95Max   the candidate's p95 not above it
     * @param maxShift the candidate's median no more than this many percent above the baseline's
     * @param line     where the rule is written, for the verdict's evidence
     */
    public record MeasurementRule(String name, Pattern pattern, Optional<Double> max, Optional<Double> p95Max,
                                  Optional<Double> maxShift, int line) {

        public boolean matches(String measurement) {
            return name != null ? name.equals(measurement) : pattern.matcher(measurement).find();
        }

        public String subject() {
            return name != null ? name : "/" + pattern.pattern() + "/";
        }
    }
}
