package org.miplhil.network;

/**
 * What the impairment relay did since its conditions were last applied, per direction (uplink: module → platform).
 */
public record RelayStats(Direction uplink, Direction downlink) {

    public static final RelayStats NONE = new RelayStats(Direction.NONE, Direction.NONE);

    /**
     * @param received   datagrams that arrived at the relay
     * @param delivered  datagrams sent on (a duplicate counts twice)
     * @param dropped    datagrams lost on purpose
     * @param duplicated datagrams sent twice
     * @param reordered  datagrams held back behind a later one
     */
    public record Direction(long received, long delivered, long dropped, long duplicated, long reordered) {
        public static final Direction NONE = new Direction(0, 0, 0, 0, 0);
    }
}
