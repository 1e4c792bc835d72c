package org.miplhil.sim;

import org.miplhil.sim.registrar.PlatformRequest;

import java.util.ArrayList;
import java.util.List;
import org.miplhil.at.MiplDiscover;
import org.miplhil.at.MiplExecute;
import org.miplhil.at.MiplObserve;
import org.miplhil.at.MiplParameter;
import org.miplhil.at.MiplRead;
import org.miplhil.at.MiplWrite;
import org.miplhil.at.RequestType;

/** How a platform request is shown to the MCU (chapter 5): its URC lines, and the kind of answer it waits for. */
final class RequestUrcs {

    private RequestUrcs() {}

    static RequestType type(PlatformRequest request) {
        if (request instanceof PlatformRequest.Discover) {
            return RequestType.DISCOVER;
        } else if (request instanceof PlatformRequest.Observe) {
            return RequestType.OBSERVE;
        } else if (request instanceof PlatformRequest.Read) {
            return RequestType.READ;
        } else if (request instanceof PlatformRequest.Write) {
            return RequestType.WRITE;
        } else if (request instanceof PlatformRequest.Execute) {
            return RequestType.EXECUTE;
        }
        return RequestType.PARAMETER;
    }

    /**
     * {@code +MIPLDISCOVER} (5.3), {@code +MIPLOBSERVE} (5.2), {@code +MIPLREAD} (5.4), one {@code +MIPLWRITE} per
     * resource written (5.5, index counting down to 0), {@code +MIPLEXECUTE} (5.6), {@code +MIPLPARAMETER} (5.8).
     * {@code recvDataFormat} (AT+MIPLCONFIG=3, 7.4.1): 0 a written value in hex, 1 as text.
     */
    static List<String> lines(PlatformRequest request, int recvDataFormat) {
        long msgId = request.msgId();
        List<String> lines = new ArrayList<>();
        if (request instanceof PlatformRequest.Discover d) {
            lines.add(new MiplDiscover(0, msgId, d.objId()).format());
        } else if (request instanceof PlatformRequest.Observe o) {
            lines.add(new MiplObserve(0, msgId, o.observe() ? 1 : 0, o.objId(), o.insId(), o.resId()).format());
        } else if (request instanceof PlatformRequest.Read r) {
            lines.add(new MiplRead(0, msgId, r.objId(), r.insId(), r.resId()).format());
        } else if (request instanceof PlatformRequest.Write w) {
            int count = w.items().size();
            for (int i = 0; i < count; i++) {
                lines.add(write(msgId, w, w.items().get(i), count - 1 - i, recvDataFormat).format());
            }
        } else if (request instanceof PlatformRequest.Execute x) {
            lines.add(x.arguments().map(s -> new MiplExecute(0, msgId, x.objId(), x.insId(), x.resId(), s))
                    .orElseGet(() -> new MiplExecute(0, msgId, x.objId(), x.insId(), x.resId())).format());
        } else {
            PlatformRequest.Parameter p = (PlatformRequest.Parameter) request;
            lines.add(new MiplParameter(0, msgId, p.objId(), p.insId(), p.resId(), p.parameter()).format());
        }
        return lines;
    }

    /** recv_data_format 0: hex, {@code 2,<len>,<HEX>} (7.4.1); 1: text, {@code 1,<len>,<text>}. */
    private static MiplWrite write(long msgId, PlatformRequest.Write w, PlatformRequest.WriteItem item, int index,
                                   int recvDataFormat) {
        return recvDataFormat == 1 ? MiplWrite.ofText(0, msgId, w.objId(), w.insId(), item.resId(), item.value(), 0, index)
                : MiplWrite.ofBytes(0, msgId, w.objId(), w.insId(), item.resId(), item.value(), 0, index);
    }
}
