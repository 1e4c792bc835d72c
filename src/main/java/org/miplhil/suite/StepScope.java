package org.miplhil.suite;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What is defined at a point of a suite, in step order: variables, named platform requests, a FOTA campaign. */
final class StepScope {
    final Set<String> variables = new LinkedHashSet<>();
    final Map<String, Optional<LwM2mPath>> requests = new LinkedHashMap<>();
    Optional<Optional<LwM2mPath>> latestRequest = Optional.empty();
    boolean campaign;
    /** The campaign was started in OneNET's console: only the module's side of it can be checked. */
    boolean consoleCampaign;

    StepScope copy() {
        StepScope s = new StepScope();
        s.campaign = campaign;
        s.consoleCampaign = consoleCampaign;
        s.variables.addAll(variables);
        s.requests.putAll(requests);
        s.latestRequest = latestRequest;
        return s;
    }
}
