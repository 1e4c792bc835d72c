package org.miplhil.at;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MiplRequestTest {

    private static MiplRequest request(String line) {
        MiplUrc u = ((Parsed.Ok<MiplUrc>) MiplUrcs.parse(line)).value();
        return MiplRequest.of(u).orElseThrow(() -> new AssertionError("not a request: " + line));
    }

    @Test
    void eachRequestUrcOfChapter5IsTypedWithKindMsgIdAndPath() {
        assertThat(request("+MIPLDISCOVER: 0,69234,3311")).extracting(MiplRequest::kind, MiplRequest::msgId, r -> r.path().text())
                .containsExactly(RequestType.DISCOVER, 69234L, "/3311");
        assertThat(request("+MIPLOBSERVE: 0,69235,1,3303,0,-1")).extracting(MiplRequest::kind, r -> r.path().text())
                .containsExactly(RequestType.OBSERVE, "/3303/0");
        assertThat(request("+MIPLREAD: 0,7,3303,-1,-1").path().text()).isEqualTo("/3303");
        assertThat(request("+MIPLEXECUTE: 0,8,3311,0,5850").kind()).isEqualTo(RequestType.EXECUTE);
        assertThat(request("+MIPLPARAMETER: 0,9,3303,0,5700,5,\"pmin=1\"").kind()).isEqualTo(RequestType.PARAMETER);
    }

    @Test
    void onlyTheLastPartOfAWriteCompletesIt() {
        assertThat(request("+MIPLWRITE: 0,5,3311,0,5850,5,1,1,0,1").completes()).isFalse();
        assertThat(request("+MIPLWRITE: 0,5,3311,0,5851,3,2,42,0,0").completes()).isTrue();
        assertThat(request("+MIPLREAD: 0,7,3303,0,5700").completes()).isTrue();
    }

    @Test
    void anEventIsNoRequest() {
        MiplUrc u = ((Parsed.Ok<MiplUrc>) MiplUrcs.parse("+MIPLEVENT: 0,6")).value();
        assertThat(MiplRequest.of(u)).isEmpty();
    }

    @Test
    void theMsgIdAnAnswerCommandNamesIsReadEvenFromABrokenAnswer() {
        assertThat(MiplAnswer.msgIdOf("AT+MIPLREADRSP=0,69234,1,3303,0,5700,4,4,\"21.5\",0,0")).contains(69234L);
        assertThat(MiplAnswer.msgIdOf("at+miplwritersp=0,12,2")).contains(12L);
        assertThat(MiplAnswer.msgIdOf("AT+MIPLREADRSP=0,12,999")).contains(12L); // result out of range: still msgId 12
        assertThat(MiplAnswer.msgIdOf("AT+MIPLNOTIFY=0,12,3303,0,5700,4,4,\"1\",0,0")).isEmpty();
        assertThat(MiplAnswer.msgIdOf("AT+MIPLREADRSP=0")).isEmpty();
        assertThat(MiplAnswer.msgIdOf("AT+MIPLREADRSP=0,\"x\",1")).isEmpty();
        assertThat(MiplAnswer.msgIdOf("garbage\u0000")).isEmpty();
    }
}
