package org.miplhil.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NoteLinksTest {

    @Test
    void theTemplateNamesSectionAndPage() {
        NoteSections.Section s = NoteSections.find("3.3.15").orElseThrow();
        NoteLinks links = NoteLinks.from(null, Map.of(NoteLinks.ENV, "file:///lab/note.pdf#page={page}&s={section}"));
        assertThat(links.url(s)).isEqualTo("file:///lab/note.pdf#page=23&s=3.3.15");
        assertThat(links.name(s)).isEqualTo("note 3.3.15 AT+MIPLNOTIFY: report data (p. 23)");
        assertThat(NoteLinks.from("https://a/{section}", Map.of(NoteLinks.ENV, "https://b/{section}")).url(s))
                .as("the system property wins").isEqualTo("https://a/3.3.15");
        assertThat(NoteLinks.from(null, Map.of()).template()).isEqualTo(NoteLinks.DEFAULT_TEMPLATE);
    }

    @Test
    void sectionsAreFoundOrTheirEnclosingOne() {
        assertThat(NoteSections.find("5.7.")).map(NoteSections.Section::title).contains("+MIPLEVENT: events");
        assertThat(NoteSections.findOrEnclosing("3.3.15.2")).map(NoteSections.Section::number).contains("3.3.15");
        assertThat(NoteSections.findOrEnclosing("9.9")).isEmpty();
        assertThat(NoteSections.chapterLabel("7.10.6")).isEqualTo("7 Examples");
        assertThat(NoteSections.chapterLabel("12.1")).isEqualTo("chapter 12");
        assertThat(NoteSections.all()).containsKeys("3.3.1", "3.3.16", "5.10", "6.2", "7.10.7");
    }

    @Test
    void suiteTagsAreSortedIntoSectionsCommandsAndEtsIds() {
        CaseInfo c = CaseInfo.builder("notify before registering").tags(List.of("doc:3.3.15", "DOC:4", "cmd:AT+MIPLNOTIFY",
                "command:+MIPLEVENT", "ets:301", "ETS-302", "slow", "slow", " ")).build();
        assertThat(c.sections()).containsExactly("3.3.15", "4");
        assertThat(c.commands()).containsExactly("AT+MIPLNOTIFY", "+MIPLEVENT");
        assertThat(c.etsIds()).containsExactly("301", "302");
        assertThat(c.tags()).containsExactly("slow");
        assertThat(c.id()).isEqualTo("notify-before-registering");
        assertThat(c.allTags()).containsExactly("doc:3.3.15", "doc:4", "cmd:AT+MIPLNOTIFY", "cmd:+MIPLEVENT", "ets:301",
                "ets:302", "slow");
    }
}
