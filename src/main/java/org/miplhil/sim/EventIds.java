package org.miplhil.sim;

/** {@code <evtid>} of +MIPLEVENT (5.7). */
public final class EventIds {
    public static final int BOOTSTRAP_START = 1;
    public static final int BOOTSTRAP_SUCCESS = 2;
    public static final int BOOTSTRAP_FAILED = 3;
    public static final int CONNECT_SUCCESS = 4;
    public static final int CONNECT_FAILED = 5;
    public static final int REG_SUCCESS = 6;
    public static final int REG_FAILED = 7;
    public static final int REG_TIMEOUT = 8;
    public static final int LIFETIME_TIMEOUT = 9;
    public static final int STATUS_HALT = 10;
    public static final int UPDATE_SUCCESS = 11;
    public static final int UPDATE_FAILED = 12;
    public static final int UPDATE_TIMEOUT = 13;
    public static final int UPDATE_NEED = 14;
    public static final int DEREG_DONE = 15;
    public static final int RESPONSE_FAILED = 20;
    public static final int RESPONSE_SUCCESS = 21;
    public static final int NOTIFY_FAILED = 25;
    public static final int NOTIFY_SUCCESS = 26;

    private EventIds() {}
}
