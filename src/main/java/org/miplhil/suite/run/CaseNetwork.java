package org.miplhil.suite.run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.miplhil.container.ContainerException;
import org.miplhil.container.PlatformLab;
import org.miplhil.network.NetworkConditions;
import org.miplhil.network.RelayStats;
import org.miplhil.report.Attachment;
import org.miplhil.report.Failure;
import org.miplhil.report.FailureCategory;
import org.miplhil.report.RunListener;
import org.miplhil.report.Status;
import org.miplhil.suite.Case;
import org.miplhil.suite.Suite;

/**
 * A case's network between module and platform (its {@code network:}, else its suite's, else none): applied to the
 * lab's relay before the case's first step (setup included), noted in the report (a step with the parameter
 * {@code network}, a transcript line), and after the case what the relay did ({@link RelayStats}: a step, an
 * attachment, a transcript line), so a reviewer sees how many datagrams were lost or duplicated. Without a lab a
 * case that asks for conditions is skipped with the reason, never run as if the key were not there.
 */
final class CaseNetwork {

    /** The step, the Allure parameter and the transcript line's word. */
    static final String PARAMETER = "network";

    private final Optional<PlatformLab> lab;
    private final Optional<NetworkConditions> asked;
    private String header = "";

    private CaseNetwork(Optional<PlatformLab> lab, Optional<NetworkConditions> asked) {
        this.lab = lab;
        this.asked = asked;
    }

    static CaseNetwork of(Optional<PlatformLab> lab, Suite suite, Case c) {
        return new CaseNetwork(lab, c.networkIn(suite));
    }

    /** Why the case cannot run here: it asks for conditions and the platform is not in a container. */
    static Optional<String> skipReason(Suite suite, Case c, boolean withLab, String platformName) {
        if (withLab) {
            return Optional.empty();
        }
        return c.networkIn(suite).map(n -> "network conditions need " + RunOptions.CONTAINER_NAME
                + " (--platform container): the platform is " + platformName + ", where no relay stands between"
                + " module and platform; the case asks for " + n.describe());
    }

    /**
     * Before the case: the relay set to the case's conditions (none when it asks for none: the previous case's must
     * not linger). Empty when applied; the failure (the case cannot run as written) otherwise.
     */
    Optional<Failure> apply(RunListener rec) {
        if (lab.isEmpty()) {
            return Optional.empty();
        }
        NetworkConditions conditions = asked.orElseGet(NetworkConditions::none);
        header = PARAMETER + ": " + conditions.describe(); // the figures' sources: the step's parameter
        Map<String, String> params = new LinkedHashMap<>();
        params.put(PARAMETER, conditions.describe());
        conditions.source().ifPresent(s -> params.put("source", s));
        rec.stepStarted("network between module and platform: " + conditions.name(), params);
        try {
            lab.get().apply(conditions);
            rec.stepPassed();
            return Optional.empty();
        } catch (ContainerException | RuntimeException e) {
            Failure f = new Failure(FailureCategory.INFRASTRUCTURE, "cannot set the relay in front of "
                    + RunOptions.CONTAINER_NAME + " to " + conditions.describe() + ": " + e.getMessage(), "");
            rec.stepFinished(Status.BROKEN, f);
            return Optional.of(f);
        }
    }

    /**
     * A {@code network} step: the relay takes {@code conditions} now, in the middle of the case (the relay's
     * counters start again, so the stats after the case cover the datagrams since the last step). A relay that
     * cannot take them is the infrastructure's failure.
     */
    void applyNow(NetworkConditions conditions) {
        if (lab.isEmpty()) {
            throw StepFailed.skipped("network conditions need " + RunOptions.CONTAINER_NAME
                    + " (--platform container): no relay stands between module and platform");
        }
        try {
            lab.get().apply(conditions);
            header = header + "; from a step: " + conditions.describe();
        } catch (ContainerException | RuntimeException e) {
            throw StepFailed.infrastructure("cannot set the relay in front of " + RunOptions.CONTAINER_NAME + " to "
                    + conditions.describe() + ": " + e.getMessage());
        }
    }

    /** After the case: what the relay did, as a step and an attachment; the lines for the transcript's end. */
    String stats(RunListener rec) {
        if (lab.isEmpty()) {
            return "";
        }
        try {
            RelayStats s = lab.get().stats();
            String text = describe(s);
            Map<String, String> params = new LinkedHashMap<>();
            params.put("uplink", describe(s.uplink()));
            params.put("downlink", describe(s.downlink()));
            rec.stepStarted("relay stats", params);
            rec.attach(Attachment.text("relay stats", text));
            rec.stepPassed();
            return text;
        } catch (ContainerException | RuntimeException e) {
            // the case ran; only the account of the network is missing, and the report says so
            String text = "relay stats: unavailable: " + e.getMessage();
            rec.stepStarted("relay stats", Map.of());
            rec.stepFinished(Status.BROKEN, new Failure(FailureCategory.INFRASTRUCTURE, text, ""));
            return text;
        }
    }

    /** The transcript with the conditions' line before it and the relay's account after it. */
    String wrap(String transcript, String stats) {
        if (lab.isEmpty()) {
            return transcript;
        }
        StringBuilder b = new StringBuilder(header).append('\n').append(transcript);
        if (!transcript.endsWith("\n")) {
            b.append('\n');
        }
        return b.append(stats).append('\n').toString();
    }

    /** {@code relay: uplink received 12, delivered 11, dropped 2, duplicated 1, reordered 0; downlink ...}. */
    static String describe(RelayStats s) {
        return "relay: uplink " + describe(s.uplink()) + "; downlink " + describe(s.downlink());
    }

    static String describe(RelayStats.Direction d) {
        return "received " + d.received() + ", delivered " + d.delivered() + ", dropped " + d.dropped()
                + ", duplicated " + d.duplicated() + ", reordered " + d.reordered();
    }
}
