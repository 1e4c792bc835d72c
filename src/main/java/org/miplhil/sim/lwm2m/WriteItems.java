package org.miplhil.sim.lwm2m;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.eclipse.leshan.core.model.ResourceModel.Type;
import org.eclipse.leshan.core.model.StaticModel;
import org.eclipse.leshan.core.node.LwM2mNode;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.node.LwM2mResource;
import org.eclipse.leshan.core.node.ObjectLink;
import org.eclipse.leshan.core.node.codec.DefaultLwM2mDecoder;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.tlv.Tlv;
import org.eclipse.leshan.core.tlv.TlvDecoder;
import org.eclipse.leshan.core.tlv.TlvEncoder;
import org.eclipse.leshan.core.tlv.TlvException;
import org.eclipse.leshan.core.tlv.Tlv.TlvType;
import org.miplhil.sim.registrar.PlatformRequest.WriteItem;

/**
 * A write request's payload as the items of {@code +MIPLWRITE} (5.4): one per resource, each with the raw bytes of
 * its value, in the order of the payload. Pure; never throws on a bad payload.
 * <p>
 * TLV (what OneNET sends) keeps each value's bytes as they came (7.4.2: a boolean {@code 01}, an integer
 * {@code 00000002DFDC1C3E}); text and opaque payloads are the value; SenML values are turned into the bytes TLV
 * would carry.
 */
final class WriteItems {

    private WriteItems() {
    }

    /** The items, or why the payload cannot be shown to the MCU. */
    sealed interface Decoded {
        record Items(List<WriteItem> items) implements Decoded {
            public Items {
                items = List.copyOf(items);
            }
        }

        /** The request is refused with 4.00 (or 4.15 when {@code unsupportedFormat}) without asking the MCU. */
        record Refused(String reason, boolean unsupportedFormat) implements Decoded {}
    }

    static Decoded decode(byte[] payload, ContentFormat format, LwM2mPath path) {
        byte[] body = payload == null ? new byte[0] : payload;
        if (!path.isObjectInstance() && !path.isResource()) {
            return new Decoded.Refused("write needs an instance or resource path: " + path, false);
        }
        if (format == null) {
            return new Decoded.Refused("content format missing", false);
        }
        int code = format.getCode();
        if (code == ContentFormat.TLV_CODE || code == ContentFormat.OLD_TLV_CODE) {
            return tlv(body, path);
        }
        if (code == ContentFormat.TEXT_CODE || code == ContentFormat.OPAQUE_CODE) {
            if (!path.isResource()) {
                return new Decoded.Refused(format.getName() + " writes one resource, not " + path, false);
            }
            return new Decoded.Items(List.of(new WriteItem(path.getResourceId(), body)));
        }
        if (code == ContentFormat.SENML_JSON_CODE || code == ContentFormat.SENML_CBOR_CODE
                || code == ContentFormat.JSON_CODE || code == ContentFormat.OLD_JSON_CODE) {
            return typed(body, format, path);
        }
        return new Decoded.Refused("content format " + format + " not supported", true);
    }

    private static Decoded tlv(byte[] body, LwM2mPath path) {
        Tlv[] tlvs;
        try {
            tlvs = TlvDecoder.decode(ByteBuffer.wrap(body));
        } catch (TlvException | RuntimeException e) {
            return new Decoded.Refused("bad TLV: " + e.getMessage(), false);
        }
        if (tlvs.length == 1 && tlvs[0].getType() == TlvType.OBJECT_INSTANCE) {
            if (path.getObjectInstanceId() != tlvs[0].getIdentifier()) {
                return new Decoded.Refused("instance " + tlvs[0].getIdentifier() + " written at " + path, false);
            }
            tlvs = tlvs[0].getChildren();
        }
        List<WriteItem> items = new ArrayList<>();
        for (Tlv t : tlvs) {
            if (t.getType() != TlvType.RESOURCE_VALUE) {
                // the AT interface has no resource instances (5.4)
                return new Decoded.Refused("only single resources can be written, got " + t.getType(), false);
            }
            if (path.isResource() && t.getIdentifier() != path.getResourceId()) {
                return new Decoded.Refused("resource " + t.getIdentifier() + " written at " + path, false);
            }
            items.add(new WriteItem(t.getIdentifier(), t.getValue()));
        }
        if (items.isEmpty()) {
            return new Decoded.Refused("nothing to write", false);
        }
        return new Decoded.Items(items);
    }

    private static Decoded typed(byte[] body, ContentFormat format, LwM2mPath path) {
        LwM2mNode node;
        try {
            node = new DefaultLwM2mDecoder().decode(body, format, path,
                    new StaticModel(McuObjectEnabler.model(path.getObjectId())));
        } catch (RuntimeException e) {
            return new Decoded.Refused("undecodable " + format.getName() + ": " + e.getMessage(), false);
        }
        List<LwM2mResource> resources = new ArrayList<>();
        if (node instanceof LwM2mObjectInstance inst) {
            resources.addAll(inst.getResources().values());
        } else if (node instanceof LwM2mResource r) {
            resources.add(r);
        }
        List<WriteItem> items = new ArrayList<>();
        for (LwM2mResource r : resources) {
            if (r.isMultiInstances()) {
                return new Decoded.Refused("only single resources can be written: " + r.getId(), false);
            }
            byte[] bytes = tlvBytes(r.getType(), r.getValue());
            if (bytes == null) {
                return new Decoded.Refused("value of " + r.getId() + " has no byte form: " + r.getType(), false);
            }
            items.add(new WriteItem(r.getId(), bytes));
        }
        if (items.isEmpty()) {
            return new Decoded.Refused("nothing to write", false);
        }
        return new Decoded.Items(items);
    }

    /** The bytes a TLV resource value of this type carries (OMA LwM2M 1.0, appendix C); null if none. */
    static byte[] tlvBytes(Type type, Object value) {
        if (type == null || value == null) {
            return null;
        }
        return switch (type) {
            case STRING -> TlvEncoder.encodeString(String.valueOf(value));
            case INTEGER, UNSIGNED_INTEGER -> value instanceof Number n ? TlvEncoder.encodeInteger(n) : null;
            case FLOAT -> value instanceof Number n ? TlvEncoder.encodeFloat(n) : null;
            case BOOLEAN -> value instanceof Boolean b ? TlvEncoder.encodeBoolean(b) : null;
            case OPAQUE -> value instanceof byte[] b ? b.clone() : null;
            case TIME -> value instanceof Date d ? TlvEncoder.encodeDate(d) : null;
            case OBJLNK -> value instanceof ObjectLink l ? TlvEncoder.encodeObjlnk(l) : null;
            default -> null;
        };
    }
}
