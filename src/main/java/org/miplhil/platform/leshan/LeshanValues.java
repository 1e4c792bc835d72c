package org.miplhil.platform.leshan;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.eclipse.leshan.core.link.DefaultLinkSerializer;
import org.eclipse.leshan.core.link.Link;
import org.eclipse.leshan.core.model.ResourceModel;
import org.eclipse.leshan.core.node.LwM2mNode;
import org.eclipse.leshan.core.node.LwM2mObject;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.node.LwM2mResource;
import org.eclipse.leshan.core.node.LwM2mResourceInstance;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.node.ObjectLink;
import org.eclipse.leshan.core.util.datatype.ULong;
import org.miplhil.platform.ResourceData;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.ResourceType;
import org.miplhil.platform.ResourceValue;

/** Conversions between Leshan's node model and this package's records. Pure functions. */
public final class LeshanValues {

    private LeshanValues() {
    }

    public static LwM2mPath toLeshan(NodePath p) {
        return switch (p.depth()) {
            case 1 -> new LwM2mPath(p.objId());
            case 2 -> new LwM2mPath(p.objId(), p.insId());
            case 3 -> new LwM2mPath(p.objId(), p.insId(), p.resId());
            default -> new LwM2mPath(p.objId(), p.insId(), p.resId(), p.resInstId());
        };
    }

    /** The path, or null for the root path or anything deeper than a resource instance. */
    public static NodePath fromLeshan(LwM2mPath p) {
        if (p == null || p.isRoot()) {
            return null;
        }
        return new NodePath(p.getObjectId(), orNone(p.getObjectInstanceId()), orNone(p.getResourceId()),
                orNone(p.getResourceInstanceId()));
    }

    private static int orNone(Integer i) {
        return i == null ? NodePath.NONE : i;
    }

    public static ResourceType fromLeshan(ResourceModel.Type t) {
        return switch (t) {
            case STRING -> ResourceType.STRING;
            case INTEGER -> ResourceType.INTEGER;
            case UNSIGNED_INTEGER -> ResourceType.UNSIGNED_INTEGER;
            case FLOAT -> ResourceType.FLOAT;
            case BOOLEAN -> ResourceType.BOOLEAN;
            case OPAQUE -> ResourceType.OPAQUE;
            case TIME -> ResourceType.TIME;
            case OBJLNK -> ResourceType.OBJLNK;
            case CORELINK -> ResourceType.CORELINK;
            case NONE -> ResourceType.NONE;
        };
    }

    /** A Leshan value of the given type as a record; unknown shapes become their text as a string value. */
    public static ResourceValue toValue(ResourceModel.Type type, Object v) {
        if (v == null) {
            return new ResourceValue.StringValue("");
        }
        return switch (type) {
            case STRING -> new ResourceValue.StringValue(v.toString());
            case INTEGER -> v instanceof Number n ? new ResourceValue.IntegerValue(n.longValue()) : text(v);
            case UNSIGNED_INTEGER -> v instanceof ULong u ? new ResourceValue.UnsignedValue(u.toBigInteger())
                    : v instanceof Number n ? new ResourceValue.UnsignedValue(BigInteger.valueOf(n.longValue()))
                    : text(v);
            case FLOAT -> v instanceof Number n ? new ResourceValue.FloatValue(n.doubleValue()) : text(v);
            case BOOLEAN -> v instanceof Boolean b ? new ResourceValue.BooleanValue(b) : text(v);
            case OPAQUE -> v instanceof byte[] b ? new ResourceValue.OpaqueValue(b) : text(v);
            case TIME -> v instanceof Date d ? new ResourceValue.TimeValue(Instant.ofEpochMilli(d.getTime()))
                    : text(v);
            case OBJLNK -> v instanceof ObjectLink l
                    ? new ResourceValue.ObjLinkValue(l.getObjectId(), l.getObjectInstanceId()) : text(v);
            case CORELINK -> v instanceof Link[] links
                    ? new ResourceValue.CoreLinkValue(new DefaultLinkSerializer().serializeCoreLinkFormat(links))
                    : text(v);
            case NONE -> text(v);
        };
    }

    private static ResourceValue text(Object v) {
        return new ResourceValue.StringValue(String.valueOf(v));
    }

    /** A single resource carrying the value with its own type. */
    public static LwM2mSingleResource toResource(int resId, ResourceValue value) {
        // Java 17: no pattern matching in switch yet
        if (value instanceof ResourceValue.StringValue s) {
            return LwM2mSingleResource.newStringResource(resId, s.value());
        } else if (value instanceof ResourceValue.IntegerValue i) {
            return LwM2mSingleResource.newIntegerResource(resId, i.value());
        } else if (value instanceof ResourceValue.UnsignedValue u) {
            return LwM2mSingleResource.newUnsignedIntegerResource(resId, ULong.valueOf(u.value()));
        } else if (value instanceof ResourceValue.FloatValue f) {
            return LwM2mSingleResource.newFloatResource(resId, f.value());
        } else if (value instanceof ResourceValue.BooleanValue b) {
            return LwM2mSingleResource.newBooleanResource(resId, b.value());
        } else if (value instanceof ResourceValue.OpaqueValue o) {
            return LwM2mSingleResource.newBinaryResource(resId, o.bytes());
        } else if (value instanceof ResourceValue.TimeValue t) {
            return LwM2mSingleResource.newDateResource(resId, new Date(t.value().getEpochSecond() * 1000));
        } else if (value instanceof ResourceValue.ObjLinkValue l) {
            return LwM2mSingleResource.newObjectLinkResource(resId, new ObjectLink(l.objId(), l.insId()));
        } else {
            return LwM2mSingleResource.newStringResource(resId, value.text());
        }
    }

    /** Every value in a node read at {@code path}, one entry per single resource or resource instance. */
    public static List<ResourceData> flatten(NodePath path, LwM2mNode node) {
        List<ResourceData> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (node instanceof LwM2mObject object) {
            for (LwM2mObjectInstance inst : object.getInstances().values()) {
                addInstance(out, object.getId(), inst);
            }
        } else if (node instanceof LwM2mObjectInstance inst) {
            addInstance(out, path.objId(), inst);
        } else if (node instanceof LwM2mResource res) {
            addResource(out, path.objId(), path.insId(), res);
        } else if (node instanceof LwM2mResourceInstance ri) {
            out.add(new ResourceData(NodePath.resourceInstance(path.objId(), path.insId(), path.resId(), ri.getId()),
                    toValue(ri.getType(), ri.getValue())));
        }
        return out;
    }

    private static void addInstance(List<ResourceData> out, int objId, LwM2mObjectInstance inst) {
        for (LwM2mResource res : inst.getResources().values()) {
            addResource(out, objId, inst.getId(), res);
        }
    }

    private static void addResource(List<ResourceData> out, int objId, int insId, LwM2mResource res) {
        if (res.isMultiInstances()) {
            for (Map.Entry<Integer, LwM2mResourceInstance> e : res.getInstances().entrySet()) {
                out.add(new ResourceData(NodePath.resourceInstance(objId, insId, res.getId(), e.getKey()),
                        toValue(res.getType(), e.getValue().getValue())));
            }
        } else {
            out.add(new ResourceData(NodePath.resource(objId, insId, res.getId()),
                    toValue(res.getType(), res.getValue())));
        }
    }
}
