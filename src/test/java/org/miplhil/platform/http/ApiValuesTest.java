package org.miplhil.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.miplhil.json.Json;
import org.miplhil.platform.DiscoveredLink;
import org.miplhil.platform.NodePath;
import org.miplhil.platform.ResourceData;
import org.miplhil.platform.ResourceType;
import org.miplhil.platform.ResourceValue;

class ApiValuesTest {

    private static ResourceValue ok(Object val, int type, ResourceType model) {
        ApiValues.Converted c = ApiValues.toValue(5, Json.tree(val), type, Optional.ofNullable(model));
        assertThat(c).as("%s type %s model %s", val, type, model).isInstanceOf(ApiValues.Converted.Ok.class);
        return ((ApiValues.Converted.Ok) c).value();
    }

    private static String error(Object val, int type, ResourceType model) {
        ApiValues.Converted c = ApiValues.toValue(5, Json.tree(val), type, Optional.ofNullable(model));
        assertThat(c).as("%s type %s model %s", val, type, model).isInstanceOf(ApiValues.Converted.Error.class);
        return ((ApiValues.Converted.Error) c).message();
    }

    @Test
    void oneNetTypesFirstThenTheModelThenTheJsonType() {
        assertThat(ok("68656C6C6F", 1, ResourceType.STRING)).isEqualTo(ResourceValue.of("hello".getBytes()));
        assertThat(ok(1_700_000_000L, 2, null)).isEqualTo(new ResourceValue.TimeValue(Instant.ofEpochSecond(1_700_000_000L)));
        assertThat(ok(3L, 0, ResourceType.FLOAT)).isEqualTo(ResourceValue.of(3.0));
        assertThat(ok(3.0, 0, ResourceType.INTEGER)).isEqualTo(ResourceValue.of(3L));
        assertThat(ok(true, 0, ResourceType.BOOLEAN)).isEqualTo(ResourceValue.of(true));
        assertThat(ok("3303:0", 0, ResourceType.OBJLNK)).isEqualTo(new ResourceValue.ObjLinkValue(3303, 0));
        assertThat(ok(new BigInteger("18446744073709551615"), 0, ResourceType.UNSIGNED_INTEGER))
                .isEqualTo(new ResourceValue.UnsignedValue(new BigInteger("18446744073709551615")));
        assertThat(ok("00FF", 0, ResourceType.OPAQUE)).isEqualTo(ResourceValue.of(new byte[] {0, (byte) 0xFF}));
        assertThat(ok("x", 0, null)).isEqualTo(ResourceValue.of("x"));
        assertThat(ok(7L, 0, null)).isEqualTo(ResourceValue.of(7L));
        assertThat(ok(7.5, 0, null)).isEqualTo(ResourceValue.of(7.5));
        assertThat(ok(false, 0, null)).isEqualTo(ResourceValue.of(false));
    }

    @Test
    void mismatchesAreReportedWithTheResource() {
        assertThat(error("on", 0, ResourceType.BOOLEAN)).contains("res_id 5").contains("BOOLEAN");
        assertThat(error(1.5, 0, ResourceType.INTEGER)).contains("integer");
        assertThat(error(-1L, 0, ResourceType.UNSIGNED_INTEGER)).contains("0..2^64-1");
        assertThat(error(1L, 0, ResourceType.STRING)).contains("string");
        assertThat(error("ABC", 1, null)).contains("hex");
        assertThat(error("zz", 1, null)).contains("hex");
        assertThat(error("now", 2, null)).contains("seconds");
        assertThat(error("3303", 0, ResourceType.OBJLNK)).contains("objId:insId");
        assertThat(error(1L, 0, ResourceType.NONE)).contains("not writable");
        assertThat(error(Map.of(), 0, null)).contains("val must be");
        assertThat(error(new BigInteger("99999999999999999999"), 0, null)).contains("64 bits");
    }

    @Test
    void readDataGroupsByInstance() {
        List<ResourceData> values = List.of(
                new ResourceData(NodePath.resource(3311, 0, 5850), ResourceValue.of(true)),
                new ResourceData(NodePath.resource(3311, 0, 5805), ResourceValue.of(1.88)),
                new ResourceData(NodePath.resource(3311, 1, 5706), ResourceValue.of("1234567890")),
                new ResourceData(NodePath.resource(3311, 1, 1), ResourceValue.of(new byte[] {(byte) 0xAB})),
                new ResourceData(NodePath.resourceInstance(3311, 1, 7, 0), ResourceValue.of(3L)),
                new ResourceData(NodePath.resourceInstance(3311, 1, 7, 1), ResourceValue.of(4L)));
        assertThat(Json.write(ApiValues.readData(values))).isEqualTo("[{\"obj_inst_id\":0,\"res\":["
                + "{\"res_id\":5850,\"val\":true},{\"res_id\":5805,\"val\":1.88}]},{\"obj_inst_id\":1,\"res\":["
                + "{\"res_id\":5706,\"val\":\"1234567890\"},{\"res_id\":1,\"val\":\"AB\"},"
                + "{\"res_id\":7,\"val\":{\"0\":3,\"1\":4}}]}]");
    }

    @Test
    void discoverAndResourcesData() {
        List<DiscoveredLink> links = List.of(new DiscoveredLink(NodePath.object(3311), Map.of()),
                new DiscoveredLink(NodePath.instance(3311, 0), Map.of()),
                new DiscoveredLink(NodePath.resource(3311, 0, 5850), Map.of()),
                new DiscoveredLink(NodePath.resource(3311, 0, 5851), Map.of("pmin", "2")),
                new DiscoveredLink(NodePath.instance(3311, 1), Map.of()));
        assertThat(Json.write(ApiValues.discoverData(links))).isEqualTo(
                "[{\"obj_inst_id\":0,\"res_id\":[5850,5851]},{\"obj_inst_id\":1,\"res_id\":[]}]");
        List<NodePath> known = List.of(NodePath.instance(3303, 0), NodePath.instance(3311, 0),
                NodePath.resource(3311, 0, 5850), NodePath.resource(3311, 0, 5706));
        assertThat(Json.write(ApiValues.resourcesData(known, Optional.empty()))).isEqualTo(
                "{\"total_count\":2,\"item\":[{\"obj_id\":3303,\"instances\":[{\"inst_id\":0,\"resources\":[]}]},"
                        + "{\"obj_id\":3311,\"instances\":[{\"inst_id\":0,\"resources\":[5850,5706]}]}]}");
        assertThat(Json.write(ApiValues.resourcesData(known, Optional.of(3303)))).isEqualTo(
                "{\"total_count\":1,\"item\":[{\"obj_id\":3303,\"instances\":[{\"inst_id\":0,\"resources\":[]}]}]}");
    }
}
