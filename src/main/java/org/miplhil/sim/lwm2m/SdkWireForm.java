package org.miplhil.sim.lwm2m;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.OptionSet;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.interceptors.MessageInterceptorAdapter;

/**
 * Puts Leshan's Register, Update and Bootstrap-Request into the OneNET SDK's form just before they are serialised
 * ({@link SdkRegistration}): Leshan builds the query from a hash map (no stable order) and adds parameters the SDK
 * never sends (a preferred content format on bootstrap, the Content-Format of an update's payload). The payload
 * itself is the SDK's already: the engine hands Leshan the SDK's links.
 */
final class SdkWireForm extends MessageInterceptorAdapter {

    @Override
    public void sendRequest(Request request) {
        if (request.getCode() != CoAP.Code.POST) {
            return;
        }
        OptionSet o = request.getOptions();
        List<String> path = o.getUriPath();
        if (path.isEmpty()) {
            return;
        }
        Map<String, String> q = query(o.getUriQuery());
        if (path.size() == 1 && path.get(0).equals("rd") && q.containsKey("ep")) {
            replaceQuery(o, SdkRegistration.registerQuery(q.get("ep"), q.getOrDefault("b", "U"), lifetime(q)));
        } else if (path.size() == 1 && path.get(0).equals("bs") && q.containsKey("ep")) {
            replaceQuery(o, SdkRegistration.bootstrapQuery(q.get("ep")));
        } else {
            // the client's only other POST is an update, to the location the server gave; the SDK sets no
            // Content-Format on it (prv_updateRegistration)
            replaceQuery(o, SdkRegistration.updateQuery(lifetime(q)));
            o.removeContentFormat();
        }
    }

    private static long lifetime(Map<String, String> q) {
        try {
            return Long.parseLong(q.getOrDefault("lt", "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Map<String, String> query(List<String> parameters) {
        Map<String, String> q = new LinkedHashMap<>();
        for (String p : parameters) {
            int eq = p.indexOf('=');
            q.put(eq < 0 ? p : p.substring(0, eq), eq < 0 ? "" : p.substring(eq + 1));
        }
        return q;
    }

    private static void replaceQuery(OptionSet o, List<String> parameters) {
        o.clearUriQuery();
        parameters.forEach(o::addUriQuery);
    }
}
