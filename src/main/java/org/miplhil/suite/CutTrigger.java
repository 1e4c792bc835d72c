package org.miplhil.suite;

/** When a {@code power} step cuts: when a URC arrives, or when the firmware update reaches a state. */
public sealed interface CutTrigger {

    /** A URC matching the text ({@code +QIND: "FOTA","UPDATING",30}, or {@code re:...}). */
    record AtUrc(TextMatch urc) implements CutTrigger {}

    /** The LwM2M firmware update state (/5/0/3) reaches this value: written {@code fota:downloading}. */
    record AtFotaState(FotaState state) implements CutTrigger {}

    /** LwM2M Firmware Update object states (/5/0/3), the phases of 6.1. */
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
