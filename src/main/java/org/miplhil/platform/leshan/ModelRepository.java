package org.miplhil.platform.leshan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.leshan.core.model.LwM2mModel;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.model.ResourceModel;
import org.eclipse.leshan.server.model.LwM2mModelProvider;
import org.eclipse.leshan.server.registration.Registration;

/**
 * Object models by id and version. A registration's object gets the version it announced if known,
 * else the newest version known, so a client announcing an unexpected version still decodes.
 */
final class ModelRepository implements LwM2mModelProvider {
    private final Map<Integer, Map<String, ObjectModel>> byId = new ConcurrentHashMap<>();

    ModelRepository(Collection<ObjectModel> models) {
        for (ObjectModel m : models) {
            byId.computeIfAbsent(m.id, k -> new ConcurrentHashMap<>()).put(m.version, m);
        }
    }

    @Override
    public LwM2mModel getObjectModel(Registration registration) {
        Map<Integer, org.eclipse.leshan.core.LwM2m.Version> announced =
                registration.getSupportedObject() == null ? Map.of() : registration.getSupportedObject();
        return new LwM2mModel() {
            @Override
            public ResourceModel getResourceModel(int objectId, int resourceId) {
                ObjectModel o = getObjectModel(objectId);
                return o == null ? null : o.resources.get(resourceId);
            }

            @Override
            public ObjectModel getObjectModel(int objectId) {
                org.eclipse.leshan.core.LwM2m.Version v = announced.get(objectId);
                return pick(objectId, v == null ? null : v.toString());
            }

            @Override
            public Collection<ObjectModel> getObjectModels() {
                List<ObjectModel> out = new ArrayList<>();
                for (Integer id : byId.keySet()) {
                    out.add(getObjectModel(id));
                }
                return out;
            }
        };
    }

    /** The model with the newest version of every object. */
    LwM2mModel newest() {
        return new LwM2mModel() {
            @Override
            public ResourceModel getResourceModel(int objectId, int resourceId) {
                ObjectModel o = getObjectModel(objectId);
                return o == null ? null : o.resources.get(resourceId);
            }

            @Override
            public ObjectModel getObjectModel(int objectId) {
                return pick(objectId, null);
            }

            @Override
            public Collection<ObjectModel> getObjectModels() {
                List<ObjectModel> out = new ArrayList<>();
                for (Integer id : byId.keySet()) {
                    out.add(pick(id, null));
                }
                return out;
            }
        };
    }

    ObjectModel pick(int objectId, String version) {
        Map<String, ObjectModel> versions = byId.get(objectId);
        if (versions == null || versions.isEmpty()) {
            return null;
        }
        if (version != null && versions.containsKey(version)) {
            return versions.get(version);
        }
        return versions.values().stream()
                .max(Comparator.comparing(m -> new org.eclipse.leshan.core.LwM2m.Version(m.version))).orElse(null);
    }
}
