package org.miplhil.suite;

/**
 * When a {@code power} step cuts: when a URC arrives, when the module's firmware update reaches a state, or when its
 * update progress reaches a percentage. The FOTA states are read from what a real module prints too (6.3): the
 * events 40, 41, 42, 43, 48, 49 and the {@code +QIND: "FOTA"} URCs.
 */
public sealed interface CutTrigger {

    /** How the trigger is written in a suite ({@code fota:downloading}, {@code fota:updating:30%}, the URC). */
    String word();

    /** A URC matching the text ({@code +QIND: "FOTA","END",0}, or {@code re:...}). */
    record AtUrc(TextMatch urc) implements CutTrigger {
        @Override
        public String word() {
            return urc.source();
        }
    }

    /** The module enters this firmware update state: written {@code fota:downloading}. */
    record AtFotaState(FotaState state) implements CutTrigger {
        @Override
        public String word() {
            return "fota:" + state.word();
        }
    }

    /**
     * The update's progress reaches {@code percent}: the first {@code +QIND: "FOTA","UPDATING",<p>} (5.9) with
     * {@code p >= percent}; written {@code fota:updating:30%}.
     */
    record AtProgress(int percent) implements CutTrigger {
        @Override
        public String word() {
            return "fota:updating:" + percent + "%";
        }
    }

    /**
     * Firmware update states (LwM2M /5/0/3), the phases of 6.1, as the module's URCs show them (6.3): 40 downloading,
     * 42 downloaded, 43 (or {@code +QIND: "FOTA","START"}) updating; 41, {@code +QIND: "FOTA","END"}, 48 and 49 back
     * to idle.
     */
    enum FotaState {
        IDLE("idle"), DOWNLOADING("downloading"), DOWNLOADED("downloaded"), UPDATING("updating");

        private final String word;

        FotaState(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }
}
