package org.miplhil.sim.lwm2m;

import java.util.List;

import org.eclipse.leshan.client.resource.BaseObjectEnabler;
import org.eclipse.leshan.client.servers.LwM2mServer;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.request.BootstrapDeleteRequest;
import org.eclipse.leshan.core.response.BootstrapDeleteResponse;

/**
 * An object the MCU added with AT+MIPLADDOBJ, as Leshan's object tree sees it: its registered instances
 * (3.3.5: the insBitmap decides) for the registration's object links. The object's CoAP traffic never reaches
 * this enabler: {@link McuObjectResource} serves it, asking the MCU.
 */
final class McuObjectEnabler extends BaseObjectEnabler {

    private final List<Integer> instanceIds;

    McuObjectEnabler(int objId, List<Integer> instanceIds) {
        super(objId, model(objId));
        this.instanceIds = List.copyOf(instanceIds);
    }

    /**
     * The module does not know the MCU's resources nor their types: the model lists none, so Leshan's encoders
     * take each value's own type (the MCU's valueType) and its decoders give written values as raw bytes.
     */
    static ObjectModel model(int objId) {
        return new ObjectModel(objId, "MCU object " + objId, "", ObjectModel.DEFAULT_VERSION, true, false, List.of());
    }

    @Override
    public List<Integer> getAvailableInstanceIds() {
        return instanceIds;
    }

    @Override
    public List<Integer> getAvailableResourceIds(int instanceId) {
        return List.of();
    }

    @Override
    protected BootstrapDeleteResponse doDelete(LwM2mServer server, BootstrapDeleteRequest request) {
        // the MCU's objects are not the bootstrap server's to delete
        return BootstrapDeleteResponse.success();
    }
}
