package org.miplhil.platform.leshan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.eclipse.leshan.core.model.StaticModel;
import org.eclipse.leshan.core.node.LwM2mMultipleResource;
import org.eclipse.leshan.core.node.LwM2mObject;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.node.codec.CodecException;
import org.eclipse.leshan.core.node.codec.DefaultLwM2mDecoder;
import org.eclipse.leshan.core.node.codec.DefaultLwM2mEncoder;
import org.eclipse.leshan.core.request.ContentFormat;
import org.junit.jupiter.api.Test;

/** A 2.05 without payload (the OneNET SDK's observe answer) decodes to an empty node; anything else as Leshan does. */
class EmptyContentDecoderTest {

    private final StaticModel model = new StaticModel(ObjectModels.defaults());
    private final EmptyContentDecoder decoder = new EmptyContentDecoder();

    @Test
    void noPayloadIsAnEmptyNodeOfThePath() {
        assertThat(decoder.decodeTimestampedData(new byte[0], null, new LwM2mPath(3303), model))
                .singleElement().satisfies(t -> assertThat(t.getNode()).isEqualTo(new LwM2mObject(3303)));
        assertThat(decoder.decode(null, null, new LwM2mPath(3303, 0), model))
                .isEqualTo(new LwM2mObjectInstance(0));
        assertThat(decoder.decode(new byte[0], null, new LwM2mPath(3303, 0, 5700), model))
                .isInstanceOfSatisfying(LwM2mMultipleResource.class, r -> {
                    assertThat(r.getId()).isEqualTo(5700);
                    assertThat(r.getInstances()).isEmpty();
                });
    }

    @Test
    void leshansOwnDecoderRefusesIt() {
        assertThatThrownBy(() -> new DefaultLwM2mDecoder().decode(new byte[0], null, new LwM2mPath(3303, 0), model))
                .isInstanceOf(CodecException.class);
    }

    @Test
    void aPayloadIsDecodedAsLeshanDoes() {
        LwM2mPath path = new LwM2mPath(3303, 0, 5700);
        byte[] tlv = new DefaultLwM2mEncoder().encode(LwM2mSingleResource.newFloatResource(5700, 21.5),
                ContentFormat.TLV, path, model);

        assertThat(decoder.decode(tlv, ContentFormat.TLV, path, model))
                .isEqualTo(LwM2mSingleResource.newFloatResource(5700, 21.5));
    }
}
