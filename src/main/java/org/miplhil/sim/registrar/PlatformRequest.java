package org.miplhil.sim.registrar;

import java.util.List;
import java.util.Optional;

/**
 * A request from the platform that the module shows the MCU as a URC (chapter 5) and that the MCU answers with
 * the matching ...RSP command. {@code msgId} is chosen by the registrar (0..268435455, unique among pending ones);
 * {@code insId}/{@code resId} -1 mean "all" (5.2, 5.3).
 */
public sealed interface PlatformRequest {

    long msgId();

    int objId();

    /** 5.1 {@code +MIPLDISCOVER}. */
    record Discover(long msgId, int objId) implements PlatformRequest {}

    /** 5.2 {@code +MIPLOBSERVE}; {@code observe} false: cancel. */
    record Observe(long msgId, boolean observe, int objId, int insId, int resId) implements PlatformRequest {}

    /** 5.3 {@code +MIPLREAD}. */
    record Read(long msgId, int objId, int insId, int resId) implements PlatformRequest {}

    /** 5.4 {@code +MIPLWRITE}: one URC per item, index counting down to 0. */
    record Write(long msgId, int objId, int insId, List<WriteItem> items) implements PlatformRequest {
        public Write {
            items = List.copyOf(items);
            if (items.isEmpty()) {
                throw new IllegalArgumentException("a write carries at least one value");
            }
        }
    }

    /** One written resource: its raw bytes (shown as hex or text by the configured recv_data_format). */
    record WriteItem(int resId, byte[] value) {
        public WriteItem {
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }
    }

    /** 5.5 {@code +MIPLEXECUTE}, with optional arguments. */
    record Execute(long msgId, int objId, int insId, int resId, Optional<String> arguments) implements PlatformRequest {}

    /** 5.6 {@code +MIPLPARAMETER} (write attributes), e.g. {@code pmin=2;pmax=190}. */
    record Parameter(long msgId, int objId, int insId, int resId, String parameter) implements PlatformRequest {}
}
