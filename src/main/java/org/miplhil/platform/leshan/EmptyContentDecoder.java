package org.miplhil.platform.leshan;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.leshan.core.model.LwM2mModel;
import org.eclipse.leshan.core.model.ResourceModel;
import org.eclipse.leshan.core.node.LwM2mMultipleResource;
import org.eclipse.leshan.core.node.LwM2mNode;
import org.eclipse.leshan.core.node.LwM2mObject;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.node.LwM2mResource;
import org.eclipse.leshan.core.node.TimestampedLwM2mNode;
import org.eclipse.leshan.core.node.TimestampedLwM2mNodes;
import org.eclipse.leshan.core.node.codec.CodecException;
import org.eclipse.leshan.core.node.codec.DefaultLwM2mDecoder;
import org.eclipse.leshan.core.node.codec.LwM2mDecoder;
import org.eclipse.leshan.core.request.ContentFormat;

/**
 * Leshan's decoder, except that a 2.05 without payload (and without Content-Format) is an empty node of the
 * requested path instead of an error. The OneNET SDK inside a module answers every observe that way
 * ({@code observe_asynAckNodata}, {@code cis_observe.c}: the code, the token, the Observe option, nothing else),
 * and OneNET takes it as an established observation; Leshan's own decoder refuses it ("Content format is
 * mandatory") and the observation would be lost. With this decoder the observation is registered and the values
 * come with the first notification. An empty read answer likewise reads as "no values".
 */
final class EmptyContentDecoder implements LwM2mDecoder {

    private final LwM2mDecoder inner;

    EmptyContentDecoder() {
        this(new DefaultLwM2mDecoder());
    }

    EmptyContentDecoder(LwM2mDecoder inner) {
        this.inner = inner;
    }

    private static boolean empty(byte[] content) {
        return content == null || content.length == 0;
    }

    /** The node that says "nothing yet" for {@code path}: an object or instance without children, a resource without value. */
    static LwM2mNode emptyNode(LwM2mPath path, LwM2mModel model) {
        if (path.isObject()) {
            return new LwM2mObject(path.getObjectId(), List.<LwM2mObjectInstance>of());
        }
        if (path.isObjectInstance()) {
            return new LwM2mObjectInstance(path.getObjectInstanceId(), List.<LwM2mResource>of());
        }
        if (path.isResource()) {
            ResourceModel rm = model == null ? null : model.getResourceModel(path.getObjectId(), path.getResourceId());
            ResourceModel.Type type = rm == null || rm.type == null ? ResourceModel.Type.OPAQUE : rm.type;
            return LwM2mMultipleResource.newResource(path.getResourceId(), Map.<Integer, Object>of(), type);
        }
        throw new CodecException("no content for %s", path);
    }

    @Override
    public LwM2mNode decode(byte[] content, ContentFormat format, LwM2mPath path, LwM2mModel model) {
        return empty(content) ? emptyNode(path, model) : inner.decode(content, format, path, model);
    }

    @Override
    public <T extends LwM2mNode> T decode(byte[] content, ContentFormat format, LwM2mPath path, LwM2mModel model,
                                          Class<T> nodeClass) {
        if (empty(content)) {
            LwM2mNode node = emptyNode(path, model);
            if (nodeClass.isInstance(node)) {
                return nodeClass.cast(node);
            }
        }
        return inner.decode(content, format, path, model, nodeClass);
    }

    @Override
    public Map<LwM2mPath, LwM2mNode> decodeNodes(byte[] content, ContentFormat format, List<LwM2mPath> paths,
                                                 LwM2mModel model) {
        return inner.decodeNodes(content, format, paths, model);
    }

    @Override
    public List<TimestampedLwM2mNode> decodeTimestampedData(byte[] content, ContentFormat format, LwM2mPath path,
                                                            LwM2mModel model) {
        if (empty(content)) {
            return List.of(new TimestampedLwM2mNode(null, emptyNode(path, model)));
        }
        return inner.decodeTimestampedData(content, format, path, model);
    }

    @Override
    public TimestampedLwM2mNodes decodeTimestampedNodes(byte[] content, ContentFormat format, List<LwM2mPath> paths,
                                                        LwM2mModel model) {
        return inner.decodeTimestampedNodes(content, format, paths, model);
    }

    @Override
    public List<LwM2mPath> decodePaths(byte[] content, ContentFormat format) {
        return inner.decodePaths(content, format);
    }

    @Override
    public boolean isSupported(ContentFormat format) {
        return inner.isSupported(format);
    }

    @Override
    public Set<ContentFormat> getSupportedContentFormat() {
        return inner.getSupportedContentFormat();
    }
}
