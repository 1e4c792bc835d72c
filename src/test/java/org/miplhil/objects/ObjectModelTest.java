package org.miplhil.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.miplhil.at.MiplValue;
import org.miplhil.at.ResultCode;

class ObjectModelTest {

    private final ObjectModel model = ObjectModel.load(Path.of("fixtures/objects/light-control-3311.yaml"),
            Path.of("fixtures/objects/temperature-3303.yaml"));

    private static List<String> paths(ModelResult<List<PathValue>> r) {
        return ((ModelResult.Ok<List<PathValue>>) r).value().stream()
                .map(v -> v.path() + "=" + v.value().format()).toList();
    }

    private static ResultCode refusal(ModelResult<?> r) {
        return ((ModelResult.Refused<?>) r).code();
    }

    @Test
    void readsListValuesInResourceOrderAndInstancesById() {
        assertThat(paths(model.read(ObjectPath.object(3311)))).containsExactly("/3311/0/5851=1", "/3311/0/5852=123",
                "/3311/1/5851=1", "/3311/1/5852=123", "/3311/1/5706=\"1234567890\"", "/3311/1/5805=1.88");
        assertThat(paths(model.read(ObjectPath.instance(3303, 1)))).containsExactly("/3303/1/5700=0.2",
                "/3303/1/5701=\"Cel\"", "/3303/1/5601=3.2", "/3303/1/5602=100.1");
        assertThat(refusal(model.read(ObjectPath.resource(3303, 0, 5605)))).isEqualTo(ResultCode.METHOD_NOT_ALLOWED);
        assertThat(refusal(model.read(ObjectPath.resource(3303, 0, 1)))).isEqualTo(ResultCode.NOT_FOUND);
        assertThat(refusal(model.read(ObjectPath.instance(3303, 2)))).isEqualTo(ResultCode.NOT_FOUND);
    }

    @Test
    void aWriteIsAllOrNothing() {
        Map<Integer, MiplValue> parts = new LinkedHashMap<>();
        parts.put(5706, new MiplValue.StringValue("red"));
        parts.put(5805, new MiplValue.FloatValue("2.0")); // read-only
        assertThat(refusal(model.write(3311, 1, parts))).isEqualTo(ResultCode.METHOD_NOT_ALLOWED);
        assertThat(model.value(3311, 1, 5706)).contains(new MiplValue.StringValue("1234567890"));
        parts.remove(5805);
        parts.put(5850, new MiplValue.BooleanValue(true));
        assertThat(model.write(3311, 1, parts).isOk()).isTrue();
        assertThat(model.value(3311, 1, 5706)).contains(new MiplValue.StringValue("red"));
        assertThat(model.value(3311, 1, 5850)).contains(new MiplValue.BooleanValue(true));
        assertThat(refusal(model.write(3311, 1, Map.of(5850, new MiplValue.IntegerValue(1)))))
                .isEqualTo(ResultCode.BAD_REQUEST);
    }

    @Test
    void setRefusesWhatTheResourceCannotHold() {
        assertThatThrownBy(() -> model.set(3303, 0, 5700, new MiplValue.StringValue("hot")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a float resource takes valueType 4");
        assertThatThrownBy(() -> model.set(3303, 0, 5700, new MiplValue.FloatValue("1e40")))
                .hasMessageContaining("does not fit in a 4-byte float");
        assertThatThrownBy(() -> model.set(3303, 0, 5605, new MiplValue.StringValue("x"))).hasMessageContaining("executable");
        assertThatThrownBy(() -> model.set(3303, 5, 5700, new MiplValue.FloatValue("1"))).hasMessageContaining("no instance");
    }

    @Test
    void executeObserveAndParameterCheckThePath() {
        assertThat(model.execute(ObjectPath.resource(3303, 0, 5605)).isOk()).isTrue();
        assertThat(refusal(model.execute(ObjectPath.resource(3303, 0, 5700)))).isEqualTo(ResultCode.METHOD_NOT_ALLOWED);
        assertThat(model.observe(ObjectPath.object(3303)).isOk()).isTrue();
        assertThat(refusal(model.observe(ObjectPath.resource(3303, 0, 5605)))).isEqualTo(ResultCode.METHOD_NOT_ALLOWED);
        assertThat(model.parameter(ObjectPath.instance(3311, 1)).isOk()).isTrue();
        assertThat(refusal(model.parameter(ObjectPath.instance(3311, 2)))).isEqualTo(ResultCode.NOT_FOUND);
        assertThat(refusal(model.discover(1))).isEqualTo(ResultCode.NOT_FOUND);
    }
}
