package org.miplhil.platform;

/**
 * What a platform can show or do beyond the requests every platform carries out. The embedded platform has them
 * all; OneNET's application API cannot express some (it hides CoAP), and a step that needs one is marked in its
 * suite ({@code requires: local-platform}) and reported as skipped there, never silently dropped.
 */
public enum PlatformCapability {
    /** The CoAP requests sent and their outcomes ({@link Platform#requestLog()}). */
    COAP_REQUEST_LOG,
    /** A write-attributes request on its own (OneNET writes attributes only as part of an observe). */
    WRITE_ATTRIBUTES,
    /** Registration updates as events (OneNET reports only online and offline). */
    UPDATE_EVENTS,
    /** A registration's lifetime and object links as the device sent them. */
    REGISTRATION_DETAILS,
    /** A FOTA campaign started by the harness (OneNET creates LwM2M FOTA tasks in its console only). */
    FOTA_CAMPAIGN,
    /** The package downloads the platform served. */
    PACKAGE_TRANSFERS
}
