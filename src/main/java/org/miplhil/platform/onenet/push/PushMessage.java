package org.miplhil.platform.onenet.push;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One message of OneNET's HTTP push (nb-iot/book/manual/httppush/develop-manual.md), as its {@code msg} member
 * carries it; a batch is several. Fields the documentation gives, with its names.
 */
public sealed interface PushMessage {

    /** {@code at}: the platform's time stamp, milliseconds since 1970. */
    long at();

    /**
     * Type 1: a data point. For an LwM2M device {@code dsId} is {@code objId_insId_resId} and {@code value} the
     * resource's value as JSON.
     */
    record DataPoint(long devId, Optional<String> imei, String dsId, long at, JsonNode value) implements PushMessage {}

    /** Type 2: the device went online ({@code status} 1) or offline (0); {@code loginType} 10 is NB-IoT. */
    record DeviceStatus(long devId, Optional<String> imei, boolean online, OptionalInt loginType, long at)
            implements PushMessage {}

    /**
     * Type 7: the outcome of a cached command (NB-IoT devices only): its id, when it was sent and with which status,
     * when the device confirmed it and with which status, and the confirmed content ({@code confirm_body}) if any.
     */
    record CachedCommandResult(String cmdId, Optional<String> imei, long devId, int cmdType, long sendTime,
                               int sendStatus, long confirmTime, int confirmStatus, Optional<JsonNode> confirmBody)
            implements PushMessage {
        @Override
        public long at() {
            return confirmTime != 0 ? confirmTime : sendTime;
        }
    }

    /** A message of a type this harness does not use, kept as it came. */
    record Other(int type, long at, JsonNode raw) implements PushMessage {}
}
