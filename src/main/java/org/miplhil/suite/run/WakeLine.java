package org.miplhil.suite.run;

import java.util.Map;
import java.util.Optional;
import org.miplhil.power.PowerException;
import org.miplhil.power.WakePin;
import org.miplhil.power.WakeSpec;

/** The module's PSM_EINT as the {@code wake} step pulls it: the virtual module's input or the rack's channel. */
interface WakeLine extends AutoCloseable {

    /** One pulse: the switch closes (falling edge) and opens again. */
    void pulse() throws Exception;

    String describe();

    @Override
    default void close() {
    }

    static WakeLine of(WakePin pin) {
        return new WakeLine() {
            @Override
            public void pulse() throws PowerException {
                pin.pulse();
            }

            @Override
            public String describe() {
                return "PSM_EINT (" + pin.describe() + ")";
            }

            @Override
            public void close() {
                pin.close();
            }
        };
    }

    /** A rack's {@code wake:} channel, opened on first use (one that cannot be opened fails the wake step). */
    static WakeLine rack(WakeSpec spec, Map<String, String> environment) {
        return new WakeLine() {
            private WakePin opened;

            @Override
            public synchronized void pulse() throws PowerException {
                if (opened == null) {
                    opened = WakePin.open(spec, environment, Optional.empty());
                }
                opened.pulse();
            }

            @Override
            public String describe() {
                return "the rack's wake channel (" + spec.line().driver() + ")";
            }

            @Override
            public synchronized void close() {
                if (opened != null) {
                    opened.close();
                }
            }
        };
    }
}
