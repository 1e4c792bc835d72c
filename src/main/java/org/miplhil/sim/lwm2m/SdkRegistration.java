package org.miplhil.sim.lwm2m;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the module's OneNET SDK 2.3.0 puts on the wire for Bootstrap-Request, Register and Update (XY1100 SDK,
 * {@code xinyi/APPLIB/cloud/onenet/ciscore/}; facts in {@code docs/evidence.md}, "Registration and bootstrap on the
 * wire"). Pure: strings in, strings out.
 * <ul>
 *   <li>Register: {@code POST /rd?lwm2m=1.0&ep=<name>&b=U&lt=<lifetime>} in that order, Content-Format 40
 *       ({@code prv_getRegistrationQuery}, {@code prv_register} in {@code cis_registration.c});</li>
 *   <li>payload: {@code </>;rt="oma.lwm2m"}, then one {@code </objId/insId>} per instance set in the object's
 *       bitmap, or {@code </objId>} for an object without instances; objects by ascending id ({@code cis_list_add}
 *       keeps the list sorted), instances ascending; no attribute on any object, no {@code ct} (the SDK adds
 *       {@code ;ct=1543} only when built with {@code CIS_ENABLE_JSON}, which the XY1100 build does not define);
 *       the Security object is in the list with its instance 0 ({@code object_getRegisterPayload} in
 *       {@code cis_objects.c}, {@code cis_addobject(contextP, std_object_security, NULL, NULL)} in
 *       {@code cis_core.c}); the Server object is not an object of the SDK;</li>
 *   <li>Update: {@code POST <location>?lt=<lifetime>}, with the same payload when objects are sent, and no
 *       Content-Format ({@code prv_updateRegistration});</li>
 *   <li>Bootstrap-Request: {@code POST /bs?ep=<name>} and nothing else ({@code prv_requestBootstrap} in
 *       {@code cis_bootstrap.c}).</li>
 * </ul>
 */
public final class SdkRegistration {

    /** The SDK's link-format prefix ({@code REG_START REG_DEFAULT_PATH REG_LWM2M_RESOURCE_TYPE}). */
    public static final String ROOT = "</>;rt=\"oma.lwm2m\"";
    /** The LwM2M version the SDK announces ({@code "?lwm2m=1.0&ep="}). */
    public static final String LWM2M_VERSION = "1.0";

    private SdkRegistration() {
    }

    /**
     * The Register (and Update-with-objects) payload for these objects and the instances each registers.
     * An object with no instance is listed alone.
     */
    public static String payload(Map<Integer, List<Integer>> instancesByObject) {
        StringBuilder sb = new StringBuilder(ROOT);
        SortedMap<Integer, List<Integer>> sorted = new TreeMap<>(instancesByObject);
        sorted.forEach((objId, instances) -> {
            if (instances.isEmpty()) {
                sb.append(",</").append(objId).append('>');
                return;
            }
            instances.stream().sorted().distinct()
                    .forEach(insId -> sb.append(",</").append(objId).append('/').append(insId).append('>'));
        });
        return sb.toString();
    }

    /** The Register query, in the SDK's order; {@code lt} only when the lifetime is not 0. */
    public static List<String> registerQuery(String endpoint, String binding, long lifetime) {
        List<String> q = new ArrayList<>(List.of("lwm2m=" + LWM2M_VERSION, "ep=" + endpoint, "b=" + binding));
        if (lifetime != 0) {
            q.add("lt=" + lifetime);
        }
        return q;
    }

    /** The Update query: the lifetime only, when not 0. */
    public static List<String> updateQuery(long lifetime) {
        return lifetime != 0 ? List.of("lt=" + lifetime) : List.of();
    }

    /** The Bootstrap-Request query. */
    public static List<String> bootstrapQuery(String endpoint) {
        return List.of("ep=" + endpoint);
    }
}
