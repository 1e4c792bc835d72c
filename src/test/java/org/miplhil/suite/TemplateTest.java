package org.miplhil.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {

    @Test
    void rendersPlaceholdersAndTheEscape() {
        Template t = Template.parse("AT+MIPLNOTIFY=0,${msgId},$${x},${msgId}").template().orElseThrow();
        assertThat(t.variables()).containsExactly("msgId");
        assertThat(t.render(Map.of("msgId", "7")).text()).contains("AT+MIPLNOTIFY=0,7,${x},7");
        assertThat(t.render(Map.of()).missing()).contains("msgId");
        assertThat(Template.parse("plain").template().orElseThrow().hasVariables()).isFalse();
        assertThat(Template.parse("${a.b-c_d}").template().orElseThrow().variables()).containsExactly("a.b-c_d");
        assertThat(Template.parse("${profile.test-responses.AT+MIPLOPEN}").template().orElseThrow().variables())
                .as("profile keys named after a command").containsExactly("profile.test-responses.AT+MIPLOPEN");
    }

    @Test
    void reportsMalformedPlaceholders() {
        assertThat(Template.parse("x${").error()).isPresent();
        assertThat(Template.parse("${}").error()).isPresent();
        assertThat(Template.parse("${a b}").error()).isPresent();
        assertThat(Template.parse("${+a}").error()).isPresent();
    }

    @Test
    void aValueInARegularExpressionMatchesLiterally() {
        TextMatch.Regex re = new TextMatch.Regex("re:^v=${v}$",
                Template.parse("^v=${v}$").template().orElseThrow(), List.of());
        assertThat(re.match("v=1.5", Map.of("v", "1.5"))).isPresent();
        assertThat(re.match("v=1x5", Map.of("v", "1.5"))).as("the dot of the value is not a wildcard").isEmpty();
        assertThat(re.match("v=1.5", Map.of())).as("a variable without a value matches nothing").isEmpty();
    }

    @Test
    void namedGroupsAreFoundOutsideClassesAndEscapes() {
        assertThat(RegexGroups.names("^\\+MIPLREAD: 0,(?<msgId>\\d+),(?<objId>\\d+)(?:,(?<insId>-?\\d+))?"))
                .containsExactly("msgId", "objId", "insId");
        assertThat(RegexGroups.names("\\(?<no>x)[(?<no2>]\\Q(?<no3>)\\E(?<=a)(?<!b)(?<yes>c)")).containsExactly("yes");
    }

    @Test
    void exactTextMatchesTheWholeLine() {
        TextMatch e = new TextMatch.Exact(Template.parse("+MIPLEVENT: 0,${evt}").template().orElseThrow());
        assertThat(e.match("+MIPLEVENT: 0,6", Map.of("evt", "6"))).contains(Map.of());
        assertThat(e.match("+MIPLEVENT: 0,66", Map.of("evt", "6"))).isEmpty();
    }
}
