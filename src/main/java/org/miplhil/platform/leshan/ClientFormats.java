package org.miplhil.platform.leshan;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.eclipse.leshan.core.LwM2m.LwM2mVersion;
import org.eclipse.leshan.core.link.Link;
import org.eclipse.leshan.core.link.attributes.Attribute;
import org.eclipse.leshan.core.request.ContentFormat;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.ResourceValue;
import org.miplhil.platform.ResourceWrite;

/**
 * The content formats a client advertised at registration, and the one the platform asks for or writes with.
 * <ul>
 *   <li>the root link's {@code ct} (LwM2M 1.0 5.3.1 one value, 1.1 6.2.1 a list) is what the client said, and
 *       the platform keeps to it;</li>
 *   <li>without {@code ct}, a 1.0 client is taken to support the formats 1.0 makes mandatory (TLV, and text and
 *       opaque for one resource: 1.0 6.4); a later client, those its version makes mandatory.</li>
 * </ul>
 * Preference: TLV when advertised (what the OneNET SDK answers without Accept: {@code cis_objects.c} uses 11542),
 * then JSON, SenML JSON, SenML CBOR; for one resource also text or opaque. Pure.
 */
public record ClientFormats(Set<ContentFormat> advertised, boolean fromClient) {

    private static final List<ContentFormat> MULTI = List.of(ContentFormat.TLV,
            ContentFormat.JSON, ContentFormat.SENML_JSON, ContentFormat.SENML_CBOR);

    public ClientFormats {
        advertised = Set.copyOf(advertised);
    }

    /** From a registration's object links and version; {@code mandatory} are the version's default formats. */
    public static ClientFormats of(Link[] objectLinks, LwM2mVersion version, Set<ContentFormat> mandatory) {
        if (objectLinks != null) {
            for (Link l : objectLinks) {
                if (!isRoot(l)) {
                    continue;
                }
                Attribute ct = l.getAttributes().get("ct");
                if (ct != null && ct.getValue() instanceof Iterable<?> values) {
                    Set<ContentFormat> out = new LinkedHashSet<>();
                    values.forEach(v -> {
                        if (v instanceof ContentFormat f) {
                            out.add(f);
                        }
                    });
                    if (!out.isEmpty()) {
                        return new ClientFormats(out, true);
                    }
                }
            }
        }
        if (version == null || version.equals(LwM2mVersion.V1_0)) {
            return new ClientFormats(Set.of(ContentFormat.TLV, ContentFormat.TEXT, ContentFormat.OPAQUE), false);
        }
        return new ClientFormats(mandatory, false);
    }

    private static boolean isRoot(Link l) {
        Attribute rt = l.getAttributes().get("rt");
        return rt != null && String.valueOf(rt.getValue()).contains("oma.lwm2m");
    }

    /** The Accept of a read or observe of {@code path}; empty: none fits, let the client choose. */
    public Optional<ContentFormat> forRead(NodePath path) {
        for (ContentFormat f : MULTI) {
            if (advertised.contains(f)) {
                return Optional.of(f);
            }
        }
        if (path.isResource() || path.isResourceInstance()) {
            if (advertised.contains(ContentFormat.TEXT)) {
                return Optional.of(ContentFormat.TEXT);
            }
            if (advertised.contains(ContentFormat.OPAQUE)) {
                return Optional.of(ContentFormat.OPAQUE);
            }
        }
        return Optional.empty();
    }

    /** The Content-Format of a write of {@code values} on {@code path}; empty: the client advertised none fit. */
    public Optional<ContentFormat> forWrite(NodePath path, List<ResourceWrite> values) {
        for (ContentFormat f : MULTI) {
            if (advertised.contains(f)) {
                return Optional.of(f);
            }
        }
        if (path.isResource() && values.size() == 1) {
            boolean opaque = values.get(0).value() instanceof ResourceValue.OpaqueValue;
            ContentFormat single = opaque ? ContentFormat.OPAQUE : ContentFormat.TEXT;
            if (advertised.contains(single)) {
                return Optional.of(single);
            }
        }
        return Optional.empty();
    }
}
