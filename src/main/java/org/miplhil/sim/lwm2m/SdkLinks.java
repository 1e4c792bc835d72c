package org.miplhil.sim.lwm2m;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.leshan.client.resource.LwM2mObjectEnabler;
import org.eclipse.leshan.core.LwM2mId;
import org.eclipse.leshan.core.link.DefaultLinkParser;
import org.eclipse.leshan.core.link.Link;
import org.eclipse.leshan.core.link.LinkParseException;

/** The SDK's object list as the links Leshan's Register and Update carry. */
final class SdkLinks {

    private static final DefaultLinkParser LINK_PARSER = new DefaultLinkParser();

    private SdkLinks() {}

    /**
     * The SDK's object list ({@link SdkRegistration}): the Security object with its instance 0 (the SDK adds it with
     * a one-instance bitmap whatever the bootstrap writes), every other object but Server (not an object of the SDK)
     * with its instances.
     */
    static Link[] of(Map<Integer, LwM2mObjectEnabler> objectEnablers) {
        Map<Integer, List<Integer>> objects = new TreeMap<>();
        objectEnablers.forEach((id, enabler) -> {
            if (id == LwM2mId.SECURITY) {
                objects.put(id, List.of(0));
            } else if (id != LwM2mId.SERVER) {
                objects.put(id, enabler.getAvailableInstanceIds());
            }
        });
        try {
            return LINK_PARSER.parseCoreLinkFormat(
                    SdkRegistration.payload(objects).getBytes(StandardCharsets.UTF_8));
        } catch (LinkParseException e) {
            throw new IllegalStateException("the SDK's payload does not parse: " + e.getMessage(), e);
        }
    }
}
