package org.miplhil.report;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Where a link to a section of the note points. The template comes from the system property
 * {@code mipl.note.url} or the environment variable {@code MIPL_HIL_NOTE_URL}; {@code {section}}
 * and {@code {page}} are replaced, so a lab points it at its own copy of the PDF
 * ({@code https://wiki.lab/BC260Y-CN_OneNET_V1.1.pdf#page={page}}).
 */
public record NoteLinks(String template) {

    public static final String PROPERTY = "mipl.note.url";
    public static final String ENV = "MIPL_HIL_NOTE_URL";
    /** The note is published in Quectel's download zone; the fragment names the page for the reader. */
    public static final String DEFAULT_TEMPLATE = "https://www.quectel.com/download-zone#BC260Y-CN-OneNET-v1.1-page-{page}";

    public NoteLinks {
        template = template == null || template.isBlank() ? DEFAULT_TEMPLATE : template.strip();
    }

    /** From the system property, else the environment, else the default. */
    public static NoteLinks fromEnvironment() {
        return from(System.getProperties().getProperty(PROPERTY), System.getenv());
    }

    static NoteLinks from(String property, Map<String, String> env) {
        if (property != null && !property.isBlank()) {
            return new NoteLinks(property);
        }
        return new NoteLinks(env.get(ENV));
    }

    public String url(NoteSections.Section section) {
        return template.replace("{section}", URLEncoder.encode(section.number(), StandardCharsets.UTF_8))
                .replace("{page}", Integer.toString(section.page()));
    }

    /** The link's text: {@code note 3.3.15 AT+MIPLNOTIFY: report data (p. 23)}. */
    public String name(NoteSections.Section section) {
        return "note " + section.label() + " (p. " + section.page() + ")";
    }
}
