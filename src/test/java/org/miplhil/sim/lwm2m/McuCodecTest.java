package org.miplhil.sim.lwm2m;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.leshan.core.model.ResourceModel.Type;
import org.eclipse.leshan.core.node.LwM2mObject;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.node.codec.DefaultLwM2mEncoder;
import org.eclipse.leshan.core.model.StaticModel;
import org.eclipse.leshan.core.request.ContentFormat;
import org.junit.jupiter.api.Test;
import org.miplhil.at.ValueType;
import org.miplhil.sim.registrar.PlatformRequest.WriteItem;
import org.miplhil.sim.registrar.ResourceValue;

/** The pure conversions: the MCU's values to LwM2M nodes, write payloads to +MIPLWRITE items, result codes. */
class McuCodecTest {

    @Test
    void eachValueTypeBecomesItsLwm2mType() {
        assertThat(McuValues.resource(v(5706, ValueType.STRING, "hello")).orElseThrow())
                .isEqualTo(LwM2mSingleResource.newStringResource(5706, "hello"));
        assertThat(McuValues.resource(v(5750, ValueType.HEX, "0A0b")).orElseThrow())
                .isEqualTo(LwM2mSingleResource.newBinaryResource(5750, new byte[] {0x0A, 0x0B}));
        assertThat(McuValues.resource(v(5852, ValueType.INTEGER, "-123")).orElseThrow())
                .isEqualTo(LwM2mSingleResource.newIntegerResource(5852, -123));
        assertThat(McuValues.resource(v(5805, ValueType.FLOAT, "1.88")).orElseThrow())
                .isEqualTo(LwM2mSingleResource.newFloatResource(5805, 1.88));
        assertThat(McuValues.resource(v(5850, ValueType.BOOLEAN, "1")).orElseThrow())
                .isEqualTo(LwM2mSingleResource.newBooleanResource(5850, true));
        assertThat(McuValues.resource(v(5850, ValueType.BOOLEAN, "0")).orElseThrow())
                .isEqualTo(LwM2mSingleResource.newBooleanResource(5850, false));
    }

    @Test
    void aValueThatDoesNotFitItsTypeIsNoResource() {
        assertThat(McuValues.resource(v(1, ValueType.INTEGER, "1.5"))).isEmpty();
        assertThat(McuValues.resource(v(1, ValueType.FLOAT, "x"))).isEmpty();
        assertThat(McuValues.resource(v(1, ValueType.HEX, "ABC"))).isEmpty();
        assertThat(McuValues.resource(v(1, ValueType.BOOLEAN, "2"))).isEmpty();
    }

    @Test
    void nodesKeepOnlyTheValuesUnderTheirPath() {
        List<ResourceValue> values = List.of(new ResourceValue(3311, 0, 5851, ValueType.INTEGER, 2, "1"),
                new ResourceValue(3311, 1, 5851, ValueType.INTEGER, 2, "2"),
                new ResourceValue(3303, 0, 5700, ValueType.FLOAT, 4, "9.8"));

        assertThat(McuValues.node(new LwM2mPath(3311, 1, 5851), values).orElseThrow())
                .isEqualTo(LwM2mSingleResource.newIntegerResource(5851, 2));
        assertThat(McuValues.node(new LwM2mPath(3311, 0), values).orElseThrow())
                .isEqualTo(new LwM2mObjectInstance(0, LwM2mSingleResource.newIntegerResource(5851, 1)));
        assertThat(((LwM2mObject) McuValues.node(new LwM2mPath(3311), values).orElseThrow()).getInstances())
                .containsOnlyKeys(0, 1);
        assertThat(McuValues.node(new LwM2mPath(3311, 0, 5850), values)).isEmpty();
    }

    @Test
    void resultCodesMapAsChapterThreeSays() {
        assertThat(List.of(1, 2, 11, 12, 13, 14, 15)).map(r -> McuValues.coapCode(r).orElseThrow()).containsExactly(
                ResponseCode.CONTENT, ResponseCode.CHANGED, ResponseCode.BAD_REQUEST, ResponseCode.UNAUTHORIZED,
                ResponseCode.NOT_FOUND, ResponseCode.METHOD_NOT_ALLOWED, ResponseCode.NOT_ACCEPTABLE);
        assertThat(McuValues.coapCode(3)).isEmpty();
    }

    @Test
    void aTlvInstanceWriteGivesTheRawValueBytesInPayloadOrder() {
        byte[] tlv = new DefaultLwM2mEncoder().encode(new LwM2mObjectInstance(0,
                        LwM2mSingleResource.newStringResource(5706, "hello"),
                        LwM2mSingleResource.newBooleanResource(5850, true),
                        LwM2mSingleResource.newIntegerResource(5851, 12345678910L)),
                ContentFormat.TLV, new LwM2mPath(3311, 0), new StaticModel());

        WriteItems.Decoded d = WriteItems.decode(tlv, ContentFormat.TLV, new LwM2mPath(3311, 0));

        assertThat(d).isInstanceOf(WriteItems.Decoded.Items.class);
        assertThat(((WriteItems.Decoded.Items) d).items())
                .extracting(i -> i.resId() + "=" + HexFormat.of().withUpperCase().formatHex(i.value()))
                .containsExactlyInAnyOrder("5706=68656C6C6F", "5850=01", "5851=00000002DFDC1C3E");
    }

    @Test
    void senmlValuesBecomeTheBytesTlvWouldCarry() {
        byte[] senml = "[{\"bn\":\"/3311/0/\",\"n\":\"5851\",\"v\":300},{\"n\":\"5706\",\"vs\":\"hi\"}]".getBytes();

        WriteItems.Decoded d = WriteItems.decode(senml, ContentFormat.SENML_JSON, new LwM2mPath(3311, 0));

        assertThat(((WriteItems.Decoded.Items) d).items()).extracting(WriteItem::resId).containsExactlyInAnyOrder(5851,
                5706);
        assertThat(WriteItems.tlvBytes(Type.INTEGER, 300L)).containsExactly(0x01, 0x2C);
        assertThat(WriteItems.tlvBytes(Type.BOOLEAN, false)).containsExactly(0x00);
    }

    @Test
    void textAndOpaqueWriteOneResourceOnly() {
        WriteItems.Decoded text = WriteItems.decode("on".getBytes(), ContentFormat.TEXT, new LwM2mPath(3311, 0, 5706));
        assertThat(((WriteItems.Decoded.Items) text).items()).singleElement()
                .satisfies(i -> assertThat(i.resId()).isEqualTo(5706))
                .satisfies(i -> assertThat(i.value()).isEqualTo("on".getBytes()));
        assertThat(WriteItems.decode("on".getBytes(), ContentFormat.TEXT, new LwM2mPath(3311, 0)))
                .isInstanceOf(WriteItems.Decoded.Refused.class);
        assertThat(WriteItems.decode(new byte[0], ContentFormat.LINK, new LwM2mPath(3311, 0, 1)))
                .isEqualTo(new WriteItems.Decoded.Refused("content format LINK(40) not supported", true));
    }

    @Test
    void randomPayloadsNeverThrow() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        ContentFormat[] formats = {ContentFormat.TLV, ContentFormat.SENML_JSON, ContentFormat.SENML_CBOR,
                ContentFormat.JSON, ContentFormat.TEXT, ContentFormat.OPAQUE, ContentFormat.CBOR, null};
        LwM2mPath[] paths = {new LwM2mPath(3311), new LwM2mPath(3311, 0), new LwM2mPath(3311, 0, 5706)};
        for (int i = 0; i < 5000; i++) {
            byte[] payload = new byte[random.nextInt(40)];
            random.nextBytes(payload);
            ContentFormat f = formats[random.nextInt(formats.length)];
            LwM2mPath p = paths[random.nextInt(paths.length)];
            try {
                assertThat(WriteItems.decode(payload, f, p)).isNotNull();
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError("seed " + seed + ", payload " + HexFormat.of().formatHex(payload) + " as "
                        + f + " at " + p, e);
            }
        }
    }

    private static ResourceValue v(int resId, ValueType type, String value) {
        return new ResourceValue(3311, 0, resId, type, value.length(), value);
    }
}
