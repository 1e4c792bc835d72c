package org.miplhil.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

class NodePathTest {

    @Test
    void parsesAndPrintsEveryLevel() {
        assertThat(NodePath.parse("/3311")).contains(NodePath.object(3311));
        assertThat(NodePath.parse("3311/0")).contains(NodePath.instance(3311, 0));
        assertThat(NodePath.parse("/3311/0/5850")).contains(NodePath.resource(3311, 0, 5850));
        assertThat(NodePath.parse("/3311/0/5850/2")).contains(NodePath.resourceInstance(3311, 0, 5850, 2));
        assertThat(NodePath.resource(3311, 0, 5850).toString()).isEqualTo("/3311/0/5850");
        assertThat(NodePath.resourceInstance(3, 0, 7, 1).toString()).isEqualTo("/3/0/7/1");
        for (String bad : new String[] {"", "/", "//", "/3311/", "/a", "/3311/-1", "/65536", "/1/2/3/4/5", "/1//2",
                "/+1", "/ 1", "/123456"}) {
            assertThat(NodePath.parse(bad)).as(bad).isEmpty();
        }
        assertThat(NodePath.parse(null)).isEmpty();
    }

    @Test
    void minusOneIsAnAbsentLevelAsInTheNote() {
        // 5.2: +MIPLOBSERVE ...,<objId>,<insId>,<resId> with -1 for "all"
        assertThat(NodePath.of(3311, 0, -1)).isEqualTo(NodePath.instance(3311, 0));
        assertThat(NodePath.of(3311, -1, -1)).isEqualTo(NodePath.object(3311));
        assertThat(NodePath.of(3311, -1, 5850)).isEqualTo(NodePath.object(3311));
        assertThat(NodePath.instance(3311, 0).isInstance()).isTrue();
        assertThat(NodePath.object(3311).depth()).isEqualTo(1);
        assertThat(NodePath.object(3311).contains(NodePath.resource(3311, 1, 5850))).isTrue();
        assertThat(NodePath.instance(3311, 0).contains(NodePath.resource(3311, 1, 5850))).isFalse();
        assertThatThrownBy(() -> new NodePath(3311, -1, 5850, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NodePath.object(70000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void randomTextNeverThrowsAndWhatParsesPrintsBack() {
        long seed = new Random().nextLong();
        Random r = new Random(seed);
        String alphabet = "/0123456789-a ";
        for (int i = 0; i < 50_000; i++) {
            StringBuilder b = new StringBuilder();
            int n = r.nextInt(20);
            for (int k = 0; k < n; k++) {
                b.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            String s = b.toString();
            try {
                Optional<NodePath> p = NodePath.parse(s);
                p.ifPresent(path -> assertThat(NodePath.parse(path.toString())).contains(path));
            } catch (Throwable t) {
                throw new AssertionError("seed " + seed + ", input '" + s + "'", t);
            }
        }
    }
}
