package org.miplhil.suite.run;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.miplhil.platform.Platform;
import org.miplhil.platform.PlatformCapability;
import org.miplhil.suite.Case;
import org.miplhil.suite.PlatformExpectation;
import org.miplhil.suite.PlatformOperation;
import org.miplhil.suite.Requirement;
import org.miplhil.suite.Step;
import org.miplhil.suite.Suite;

/**
 * What a case needs of the run's platform, and what the platform can give ({@link Platform#supports}). A case that
 * {@code requires: local-platform} is skipped, with the reason, on a platform that lacks any capability; a step
 * that needs a capability the platform lacks, in a case without the requirement, is a harness error naming the
 * step, the capability and the fix. Never a silent drop, never a module failure.
 */
final class PlatformNeeds {

    private final Platform platform;
    private final String platformName;

    /** @param platformName how messages name the platform ({@code OneNET}, {@code the embedded platform}) */
    PlatformNeeds(Platform platform, String platformName) {
        this.platform = platform;
        this.platformName = platformName;
    }

    /** The capabilities the platform lacks, in the enum's order. */
    List<PlatformCapability> lacking() {
        return Arrays.stream(PlatformCapability.values()).filter(c -> !platform.supports(c)).toList();
    }

    /** Why the case is skipped on this platform, when it requires what the platform cannot give. */
    Optional<String> skipReason(Suite suite, Case c) {
        boolean local = suite.requires().contains(Requirement.LOCAL_PLATFORM)
                || c.requires().contains(Requirement.LOCAL_PLATFORM);
        List<PlatformCapability> lacking = lacking();
        if (!local || lacking.isEmpty()) {
            return Optional.empty();
        }
        // what the case's own steps need and lack, each with where; else (marked for another reason) all it lacks
        List<String> needed = c.steps().stream().flatMap(step -> need(step).filter(lacking::contains)
                .map(cap -> describe(cap) + " (" + step.word() + " at " + step.position() + ")").stream()).toList();
        return Optional.of("requires " + Requirement.LOCAL_PLATFORM.word() + ": the platform is " + platformName
                + ", whose API cannot express " + String.join(", ", needed.isEmpty()
                ? lacking.stream().map(PlatformNeeds::describe).toList() : needed));
    }

    /**
     * Throws a harness error when {@code step} needs a capability the platform lacks (the case did not say
     * {@code requires: local-platform}, or it would have been skipped).
     */
    void check(Step step) {
        need(step).filter(c -> !platform.supports(c)).ifPresent(c -> {
            throw StepFailed.harness("the " + step.word() + " step at " + step.position() + " needs "
                    + describe(c) + " (" + c + "), which " + platformName + " cannot give: mark the case (or the"
                    + " suite) with 'requires: " + Requirement.LOCAL_PLATFORM.word() + "' so it is skipped on "
                    + platformName);
        });
    }

    /** The capability a step needs beyond the requests every platform carries out. */
    static Optional<PlatformCapability> need(Step step) {
        if (step instanceof Step.ExpectPlatform e) {
            PlatformExpectation x = e.expectation();
            if (x instanceof PlatformExpectation.Updated) {
                return Optional.of(PlatformCapability.UPDATE_EVENTS);
            }
            if (x instanceof PlatformExpectation.Registered r && (r.lifetime().isPresent() || !r.objects().isEmpty())) {
                return Optional.of(PlatformCapability.REGISTRATION_DETAILS);
            }
        } else if (step instanceof Step.Platform p && p.operation() instanceof PlatformOperation.WriteAttributes) {
            return Optional.of(PlatformCapability.WRITE_ATTRIBUTES);
        } else if (step instanceof Step.Fota f && f.startedBy() == Step.FotaStarter.PLATFORM) {
            // a task started in OneNET's console needs nothing of the platform: the module's side is followed
            return Optional.of(PlatformCapability.FOTA_CAMPAIGN);
        }
        return Optional.empty();
    }

    static String describe(PlatformCapability c) {
        return switch (c) {
            case COAP_REQUEST_LOG -> "the CoAP request log";
            case WRITE_ATTRIBUTES -> "write-attributes on its own";
            case UPDATE_EVENTS -> "registration updates";
            case REGISTRATION_DETAILS -> "a registration's lifetime and object links";
            case FOTA_CAMPAIGN -> "a FOTA campaign started by the harness";
            case PACKAGE_TRANSFERS -> "the package downloads it served";
        };
    }
}
