package org.miplhil.platform.onenet.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;
import org.miplhil.json.Json;

/** Bodies of develop-manual.md's examples (1 to 4) and of the double, read back. */
class PushCodecTest {

    static PushEnvelope envelope(String body) {
        PushCodec.Parsed p = PushCodec.parseEnvelope(body);
        assertThat(p).as(body).isInstanceOf(PushCodec.Parsed.Ok.class);
        return ((PushCodec.Parsed.Ok) p).envelope();
    }

    static PushCodec.Decoded decode(String body) {
        return PushCodec.decode(((PushEnvelope.Plain) envelope(body).body()).msg());
    }

    @Test
    void readsTheManualsExamples() {
        // example 1 and 3, and 4 shortened, with the manual's indentation
        PushCodec.Decoded d1 = decode("{\n\t\"msg\": {\n\t\t\"type\": 1,\n\t\t\"dev_id\": 2016617,\n\t\t\"ds_id\": "
                + "\"datastream_id\",\n\t\t\"at\": 1466133706841,\n\t\t\"value\": 42\n\t},\n\t\"msg_signature\": "
                + "\"message signature\",\n\t\"nonce\": \"abcdefgh\"\n}");
        assertThat(d1.messages()).containsExactly(new PushMessage.DataPoint(2016617, Optional.empty(),
                "datastream_id", 1466133706841L, IntNode.valueOf(42)));
        PushCodec.Decoded d3 = decode("{\"msg\":{\"type\":2,\"dev_id\":2016617,\"status\":0,\"login_type\":1,"
                + "\"at\":1466133706841},\"msg_signature\":\"s\",\"nonce\":\"abcdefgh\"}");
        assertThat(d3.messages()).containsExactly(new PushMessage.DeviceStatus(2016617, Optional.empty(), false,
                OptionalInt.of(1), 1466133706841L));
        PushCodec.Decoded d4 = decode("{\"msg\":{\"type\":7,\"cmd_id\":\"3a351323-c4fe-5f21-9e9e-a9adc321182f\","
                + "\"imei\":\"865820060031939\",\"dev_id\":2016690,\"cmd_type\":0,\"send_time\":1466133706841,"
                + "\"send_status\":5,\"confirm_time\":146613371921,\"confirm_status\":0,\"confirm_body\":{\"obj_id\":3}},"
                + "\"msg_signature\":\"s\",\"nonce\":\"abcdefgh\"}");
        assertThat(d4.messages()).hasSize(1);
        PushMessage.CachedCommandResult c = (PushMessage.CachedCommandResult) d4.messages().get(0);
        assertThat(c.cmdId()).isEqualTo("3a351323-c4fe-5f21-9e9e-a9adc321182f");
        assertThat(c.imei()).contains("865820060031939");
        assertThat(c.sendStatus()).isEqualTo(5);
        assertThat(c.confirmTime()).isEqualTo(146613371921L);
        assertThat(c.confirmBody().orElseThrow().get("obj_id").intValue()).isEqualTo(3);
    }

    @Test
    void aBatchKeepsItsOrderAndLeavesOutWhatCannotBeUsed() {
        PushCodec.Decoded d = decode("{\"msg\":[{\"type\":1,\"dev_id\":1,\"ds_id\":\"a\",\"at\":1,\"value\":42},"
                + "{\"type\":1,\"dev_id\":1,\"at\":2,\"value\":1},"
                + "{\"type\":1,\"dev_id\":1,\"ds_id\":\"b\",\"at\":3,\"value\":\"x\"},"
                + "{\"type\":9,\"at\":4},7,{\"type\":2,\"dev_id\":1,\"status\":5,\"at\":5}],"
                + "\"msg_signature\":\"s\",\"nonce\":\"n\"}");
        assertThat(d.messages()).extracting(PushMessage::at).containsExactly(1L, 3L, 4L);
        assertThat(d.messages().get(2)).isInstanceOf(PushMessage.Other.class);
        assertThat(d.problems()).containsExactly("msg[1] (type 1) has no ds_id", "msg[4] is not an object",
                "msg[5] (type 2) status is 5, not 0 (offline) or 1 (online)");
    }

    @Test
    void theSignedTextIsTheMsgMembersTextAsItArrived() {
        String msg = "{ \"type\": 1, \"dev_id\": 2016617, \"ds_id\": \"3303_0_5700\", \"at\": 1466133706841, \"value\": 42.50 }";
        PushEnvelope e = envelope("{\"nonce\":\"abcdefgh\",  \"msg\" :  " + msg + " , \"msg_signature\":\"x\"}");
        PushEnvelope.Plain plain = (PushEnvelope.Plain) e.body();
        assertThat(plain.rawText()).isEqualTo(msg);
        assertThat(plain.compactText()).isEqualTo(
                "{\"type\":1,\"dev_id\":2016617,\"ds_id\":\"3303_0_5700\",\"at\":1466133706841,\"value\":42.5}"); // not the text that was signed: why the raw text comes first
        // signed over the compact form (PHP/C# demos) verifies too; over the raw text is the first choice
        String compact = PushSignatureTest.MSG;
        PushEnvelope both = envelope("{\"msg\": " + compact.replace(",", ", ") + ", \"msg_signature\": \""
                + PushSignatureTest.MSG_SIGNATURE + "\", \"nonce\": \"abcdefgh\"}");
        assertThat(both.verifies(PushSignatureTest.TOKEN)).isTrue();
        assertThat(both.verifies("other")).isFalse();
    }

    @Test
    void refusesBodiesThatAreNotPushes() {
        for (String bad : new String[] {"", "[]", "{}", "{\"msg\":1}", "{\"msg\":{},\"enc_msg\":\"x\"}",
                "{\"enc_msg\":5}", "{\"msg\":{},\"nonce\":5}", "{\"msg\":{}", "{\"msg\":{}} x"}) {
            assertThat(PushCodec.parseEnvelope(bad)).as(bad).isInstanceOf(PushCodec.Parsed.Error.class);
        }
        assertThat(PushCodec.decodeText("nope").problems()).hasSize(1);
    }

    @Test
    void writesEnvelopesTheReceiverVerifies() {
        List<PushMessage> batch = List.of(
                new PushMessage.DataPoint(7, Optional.of("861234567890123"), "3303_0_5700", 10, TextNode.valueOf("温度")),
                new PushMessage.DeviceStatus(7, Optional.of("861234567890123"), true, OptionalInt.of(10), 11));
        String body = PushCodec.envelope(batch, "tok", Optional.empty(), "abcdefgh");
        assertThat(body).startsWith("{\"msg\":[{\"type\":1,\"dev_id\":7,\"imei\":\"861234567890123\",\"ds_id\":"
                + "\"3303_0_5700\",\"at\":10,\"value\":\"温度\"},{\"type\":2,");
        PushEnvelope e = envelope(body);
        assertThat(e.verifies("tok")).isTrue();
        assertThat(PushCodec.decode(((PushEnvelope.Plain) e.body()).msg()).messages()).isEqualTo(batch);

        String enc = PushCodec.envelope(batch.subList(0, 1), "tok", Optional.of(PushCipherTest.cipher()), "12345678");
        PushEnvelope ee = envelope(enc);
        assertThat(Json.parse(enc)).isInstanceOf(Json.Parsed.Ok.class);
        assertThat(ee.verifies("tok")).isTrue();
        String text = ((PushCipher.Result.Ok<String>) PushCipherTest.cipher()
                .decrypt(((PushEnvelope.Encrypted) ee.body()).encMsg())).value();
        assertThat(PushCodec.decodeText(text).messages()).isEqualTo(batch.subList(0, 1));
    }
}
