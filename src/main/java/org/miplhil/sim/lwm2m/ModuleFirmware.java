package org.miplhil.sim.lwm2m;

import java.util.List;

import org.eclipse.leshan.client.resource.BaseInstanceEnabler;
import org.eclipse.leshan.client.servers.LwM2mServer;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.node.LwM2mResource;
import org.eclipse.leshan.core.request.argument.Arguments;
import org.eclipse.leshan.core.response.ExecuteResponse;
import org.eclipse.leshan.core.response.ReadResponse;
import org.eclipse.leshan.core.response.WriteResponse;
import org.miplhil.sim.fota.FirmwarePort;
import org.miplhil.sim.fota.FotaState;

/**
 * The module's Firmware Update object /5/0 (OMA LwM2M 1.0 appendix E.6), pull delivery only: the platform writes
 * the package URI (/5/0/1), reads or observes the state (/5/0/3), executes the update (/5/0/2) once the state is
 * Downloaded, and reads the update result (/5/0/5). The module answers these itself (6.1): no URC reaches the MCU.
 */
final class ModuleFirmware extends BaseInstanceEnabler {

    static final int PACKAGE = 0;
    static final int PACKAGE_URI = 1;
    static final int UPDATE = 2;
    static final int STATE = 3;
    static final int UPDATE_RESULT = 5;
    static final int PKG_NAME = 6;
    static final int PKG_VERSION = 7;
    static final int DELIVERY_METHOD = 9;
    private static final List<Integer> AVAILABLE = List.of(PACKAGE_URI, UPDATE, STATE, UPDATE_RESULT, PKG_NAME,
            PKG_VERSION, DELIVERY_METHOD);

    private final FirmwarePort port;

    ModuleFirmware(FirmwarePort port) {
        super(0);
        this.port = port;
    }

    @Override
    public ReadResponse read(LwM2mServer server, int resourceId) {
        FotaState s = port.state();
        return switch (resourceId) {
            case PACKAGE_URI -> ReadResponse.success(resourceId, port.packageUri());
            case STATE -> ReadResponse.success(resourceId, (long) s.stage().lwm2mState());
            case UPDATE_RESULT -> ReadResponse.success(resourceId, (long) s.result().code());
            case PKG_NAME -> ReadResponse.success(resourceId, s.packageTarget().map(t -> "delta-" + t).orElse(""));
            case PKG_VERSION -> ReadResponse.success(resourceId, s.packageTarget().orElse(""));
            case DELIVERY_METHOD -> ReadResponse.success(resourceId, 0L); // pull only
            default -> super.read(server, resourceId);
        };
    }

    @Override
    public WriteResponse write(LwM2mServer server, boolean replace, int resourceId, LwM2mResource value) {
        if (resourceId == PACKAGE) {
            return WriteResponse.methodNotAllowed(); // push is not supported, /5/0/9 says pull
        }
        if (resourceId != PACKAGE_URI) {
            return super.write(server, replace, resourceId, value);
        }
        Object v = value.getValue();
        if (!(v instanceof String uri)) {
            return WriteResponse.badRequest("the package URI is a string");
        }
        String code = port.writePackageUri(uri);
        return switch (code) {
            case "2.04" -> WriteResponse.success();
            case "4.04" -> WriteResponse.notFound();
            case "4.05" -> WriteResponse.methodNotAllowed();
            case "4.01" -> WriteResponse.unauthorized();
            case "5.03", "5.00" -> WriteResponse.internalServerError("the module cannot take a package now");
            default -> WriteResponse.badRequest("the module refuses a package URI now (state "
                    + port.state().stage().lwm2mState() + ")");
        };
    }

    @Override
    public ExecuteResponse execute(LwM2mServer server, int resourceId, Arguments arguments) {
        if (resourceId != UPDATE) {
            return super.execute(server, resourceId, arguments);
        }
        String code = port.executeUpdate();
        return switch (code) {
            case "2.04" -> ExecuteResponse.success();
            case "4.05" -> ExecuteResponse.methodNotAllowed();
            case "4.04" -> ExecuteResponse.notFound();
            case "4.01" -> ExecuteResponse.unauthorized();
            case "5.03", "5.00" -> ExecuteResponse.internalServerError("the module cannot update now");
            default -> ExecuteResponse.badRequest("nothing downloaded to update with (state "
                    + port.state().stage().lwm2mState() + ")");
        };
    }

    @Override
    public List<Integer> getAvailableResourceIds(ObjectModel model) {
        return AVAILABLE;
    }

    /** The values changed: observers of /5/0, /5/0/3, /5/0/5 ... are told. */
    void changed() {
        fireResourcesChange(getResourcePaths(STATE, UPDATE_RESULT, PKG_NAME, PKG_VERSION, PACKAGE_URI));
    }
}
