package org.miplhil.report;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A file shown with a step or a case.
 *
 * @param name      what the reader sees, e.g. {@code transcript}
 * @param mediaType e.g. {@code text/plain}
 * @param extension without the dot, e.g. {@code txt}
 * @param content   the bytes
 */
public record Attachment(String name, String mediaType, String extension, byte[] content) {

    public Attachment {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(extension, "extension");
        content = content == null ? new byte[0] : content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    public static Attachment text(String name, String text) {
        return new Attachment(name, "text/plain", "txt", utf8(text));
    }

    public static Attachment csv(String name, String csv) {
        return new Attachment(name, "text/csv", "csv", utf8(csv));
    }

    public static Attachment html(String name, String html) {
        return new Attachment(name, "text/html", "html", utf8(html));
    }

    public static Attachment svg(String name, String svg) {
        return new Attachment(name, "image/svg+xml", "svg", utf8(svg));
    }

    public static Attachment json(String name, String json) {
        return new Attachment(name, "application/json", "json", utf8(json));
    }

    public String contentAsString() {
        return new String(content, StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attachment a && name.equals(a.name) && mediaType.equals(a.mediaType)
                && extension.equals(a.extension) && java.util.Arrays.equals(content, a.content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, mediaType, extension, java.util.Arrays.hashCode(content));
    }

    @Override
    public String toString() {
        return "Attachment[" + name + ", " + mediaType + ", " + content.length + " bytes]";
    }
}
