package org.miplhil.sim.lwm2m;

import java.util.List;

import org.eclipse.leshan.client.resource.BaseInstanceEnabler;
import org.eclipse.leshan.client.servers.LwM2mServer;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.response.ReadResponse;

/**
 * The module's Connectivity Monitoring object /4/0: the values the platform reads before a download (6.1.1: the
 * cell id and the signal strength), from the firmware profile.
 */
final class ModuleConnectivity extends BaseInstanceEnabler {

    static final int NETWORK_BEARER = 0;
    static final int RADIO_SIGNAL_STRENGTH = 2;
    static final int CELL_ID = 8;
    /** LwM2M 1.1 network bearer 7: NB-IoT. */
    static final long NB_IOT = 7;

    private final Lwm2mSettings settings;

    ModuleConnectivity(Lwm2mSettings settings) {
        super(0);
        this.settings = settings;
    }

    @Override
    public ReadResponse read(LwM2mServer server, int resourceId) {
        return switch (resourceId) {
            case NETWORK_BEARER -> ReadResponse.success(resourceId, NB_IOT);
            case RADIO_SIGNAL_STRENGTH -> ReadResponse.success(resourceId, (long) settings.signalStrength());
            case CELL_ID -> ReadResponse.success(resourceId, settings.cellId());
            default -> super.read(server, resourceId);
        };
    }

    @Override
    public List<Integer> getAvailableResourceIds(ObjectModel model) {
        return List.of(NETWORK_BEARER, RADIO_SIGNAL_STRENGTH, CELL_ID);
    }
}
