package org.miplhil.platform.onenet.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.miplhil.platform.onenet.OneNetApi;
import org.miplhil.platform.onenet.OneNetCredentials;

/**
 * {@code ./mipl-hil onenet check}: are the credentials there and accepted, does the API answer for the product, is
 * the device present (created when absent and its IMSI is given), is it online. Configuration problems (found
 * before anything is sent) are told apart from the platform's answers.
 */
public final class OneNetCheck {

    private OneNetCheck() {
    }

    public static CheckReport run(OneNetSettings settings, OneNetClient client, String imei, Optional<String> imsi) {
        List<CheckReport.Item> items = new ArrayList<>();
        Optional<String> missing = missingCredential(settings);
        if (missing.isPresent()) {
            items.add(new CheckReport.Item("credentials", CheckReport.Status.CONFIGURATION, missing.get()));
            notChecked(items, "product", "device", "online");
            return new CheckReport(items);
        }
        if (settings.api() == OneNetApi.CURRENT && settings.productId().isEmpty()) {
            items.add(new CheckReport.Item("credentials", CheckReport.Status.NOT_CHECKED,
                    "set; not tried without a product"));
            items.add(new CheckReport.Item("product", CheckReport.Status.CONFIGURATION,
                    "the current API names devices by product: set the product id"));
            notChecked(items, "device", "online");
            return new CheckReport(items);
        }
        DeviceLookup d = DeviceProvisioning.ensure(client, new DeviceDirectory(), imei, imsi);
        String msg = d.message();
        switch (d.status()) {
            case CONFIGURATION -> {
                boolean imsiMissing = msg.contains("IMSI");
                items.add(new CheckReport.Item("credentials", imsiMissing ? CheckReport.Status.OK
                        : CheckReport.Status.CONFIGURATION, imsiMissing ? "accepted by " + settings.baseUrl() : msg));
                if (imsiMissing) {
                    items.add(productOk(settings));
                    items.add(new CheckReport.Item("device", CheckReport.Status.CONFIGURATION, msg));
                    notChecked(items, "online");
                } else {
                    notChecked(items, "product", "device", "online");
                }
            }
            case CREDENTIALS_REFUSED -> {
                items.add(new CheckReport.Item("credentials", CheckReport.Status.PLATFORM, msg));
                notChecked(items, "product", "device", "online");
            }
            case UNREACHABLE -> {
                items.add(new CheckReport.Item("credentials", CheckReport.Status.NOT_CHECKED, "the API did not answer"));
                items.add(new CheckReport.Item("product", CheckReport.Status.PLATFORM, msg));
                notChecked(items, "device", "online");
            }
            case PLATFORM -> {
                items.add(new CheckReport.Item("credentials", CheckReport.Status.OK, "accepted by " + settings.baseUrl()));
                items.add(productOk(settings));
                items.add(new CheckReport.Item("device", CheckReport.Status.PLATFORM, msg));
                notChecked(items, "online");
            }
            case PRESENT -> {
                items.add(new CheckReport.Item("credentials", CheckReport.Status.OK, "accepted by " + settings.baseUrl()));
                items.add(productOk(settings));
                items.add(new CheckReport.Item("device", CheckReport.Status.OK, msg));
                boolean on = d.online().orElse(false);
                items.add(new CheckReport.Item("online", CheckReport.Status.OK, on ? "online"
                        : "offline (it comes online when the module registers)"));
            }
        }
        return new CheckReport(items);
    }

    private static CheckReport.Item productOk(OneNetSettings settings) {
        return new CheckReport.Item("product", CheckReport.Status.OK, settings.productId()
                .map(p -> "product " + p + " answered").orElse("the API key's product answered"));
    }

    private static void notChecked(List<CheckReport.Item> items, String... names) {
        for (String n : names) {
            items.add(new CheckReport.Item(n, CheckReport.Status.NOT_CHECKED, "not checked"));
        }
    }

    /**
     * Which credential the chosen API needs and lacks, if any, named by the environment variable the user sets (the
     * rack's name for it where the rack renames it).
     */
    static Optional<String> missingCredential(OneNetSettings s) {
        OneNetCredentials c = s.credentials();
        String apiKey = s.credentialVariable(OneNetCredentials.API_KEY);
        String userId = s.credentialVariable(OneNetCredentials.USER_ID);
        String accessKey = s.credentialVariable(OneNetCredentials.ACCESS_KEY);
        if (s.api() == OneNetApi.LEGACY) {
            return c.apiKey().isPresent() ? Optional.empty()
                    : Optional.of("the legacy API needs an API key: set " + apiKey);
        }
        if (c.userId().isEmpty()) {
            return Optional.of("the current API needs a user id: set " + userId);
        }
        if (c.accessKey().isEmpty()) {
            return Optional.of("the current API needs an access key: set " + accessKey);
        }
        try {
            java.util.Base64.getDecoder().decode(c.accessKey().get());
        } catch (IllegalArgumentException e) {
            return Optional.of(accessKey + " is not base64");
        }
        return Optional.empty();
    }
}
