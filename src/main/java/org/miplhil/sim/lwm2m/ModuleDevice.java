package org.miplhil.sim.lwm2m;

import java.util.EnumSet;
import java.util.List;
import org.eclipse.leshan.client.object.Device;
import org.eclipse.leshan.client.servers.LwM2mServer;
import org.eclipse.leshan.core.request.BindingMode;
import org.eclipse.leshan.core.response.ReadResponse;
import org.miplhil.sim.fota.FirmwarePort;

/**
 * The module's Device object (3): the identity of the profile, binding U, the firmware revision running now
 * (/3/0/3, changed by a DFOTA update) and the battery level of the profile (/3/0/9, 6.1.2).
 */
final class ModuleDevice extends Device {
    private final String firmwareVersion;
    private final int batteryLevel;
    private final FirmwarePort port;

    ModuleDevice(Lwm2mSettings settings, FirmwarePort port) {
        super(settings.manufacturer(), settings.model(), settings.serialNumber(), EnumSet.of(BindingMode.U));
        this.firmwareVersion = settings.firmwareVersion();
        this.batteryLevel = settings.batteryLevel();
        this.port = port;
    }

    @Override
    public ReadResponse read(LwM2mServer server, int resourceId) {
        if (resourceId == 3) {
            String running = port.state().revision();
            return ReadResponse.success(3, running.isEmpty() ? firmwareVersion : running);
        }
        if (resourceId == 9) {
            return ReadResponse.success(9, (long) batteryLevel);
        }
        return super.read(server, resourceId);
    }

    @Override
    public List<Integer> getAvailableResourceIds(org.eclipse.leshan.core.model.ObjectModel model) {
        java.util.TreeSet<Integer> ids = new java.util.TreeSet<>(super.getAvailableResourceIds(model));
        ids.add(9);
        return List.copyOf(ids);
    }
}
