package org.miplhil.platform.onenet.client;

import java.util.List;

/**
 * The outcome of {@code ./mipl-hil onenet check}: each item checked, in order, with its status and a message that
 * names no secret. {@link #exitCode()}: 0 when nothing failed, 2 when something is misconfigured, else 1.
 */
public record CheckReport(List<Item> items) {

    public enum Status {
        OK,
        /** The settings cannot work (a credential, the product id or the base URL missing or malformed). */
        CONFIGURATION,
        /** OneNET (or the double) answered with an error, or could not be reached. */
        PLATFORM,
        /** Not checked, because an earlier item failed. */
        NOT_CHECKED
    }

    /** {@code name}: credentials, product, device, online. */
    public record Item(String name, Status status, String message) {
    }

    public CheckReport {
        items = List.copyOf(items);
    }

    public boolean ok() {
        return items.stream().allMatch(i -> i.status() == Status.OK);
    }

    public int exitCode() {
        if (items.stream().anyMatch(i -> i.status() == Status.CONFIGURATION)) {
            return 2;
        }
        return items.stream().anyMatch(i -> i.status() == Status.PLATFORM) ? 1 : 0;
    }

    /** One line per item: {@code name: STATUS message}. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        for (Item i : items) {
            b.append(i.name()).append(": ").append(i.status()).append(' ').append(i.message()).append('\n');
        }
        return b.toString();
    }
}
