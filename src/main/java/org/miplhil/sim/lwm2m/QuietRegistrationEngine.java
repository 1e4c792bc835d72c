package org.miplhil.sim.lwm2m;

import org.eclipse.leshan.client.RegistrationUpdate;
import org.eclipse.leshan.client.engine.RegistrationEngine;
import org.eclipse.leshan.client.servers.LwM2mServer;

/**
 * The parts of Leshan's {@link RegistrationEngine} the module's SDK has no counterpart for: it updates only when the
 * MCU or the lifetime asks (3.3.16, 3.3.1 remark 2) and never bootstraps on its own, so every trigger is ignored.
 */
abstract class QuietRegistrationEngine implements RegistrationEngine {

    @Override
    public void triggerRegistrationUpdate() {
    }

    @Override
    public void triggerRegistrationUpdate(LwM2mServer server) {
    }

    @Override
    public void triggerRegistrationUpdate(RegistrationUpdate registrationUpdate) {
    }

    @Override
    public void triggerRegistrationUpdate(LwM2mServer server, RegistrationUpdate registrationUpdate) {
    }

    @Override
    public boolean triggerClientInitiatedBootstrap(boolean deregister) {
        return false;
    }
}
