package org.miplhil.sim.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/virtual-module.md "What is still assumed" lists exactly the shipped profile's {@code assumed} entries: a guess
 * that gains a source leaves the list, a new guess joins it, so the README's status can point there.
 */
class AssumedEntriesDocumentedTest {

    private static final Path DOC = Path.of("docs/virtual-module.md");
    private static final String HEADING = "## What is still assumed";
    /** A profile path written in backticks: {@code `section.key`} (keys may hold dots: errors.addobj.too-many). */
    private static final Pattern PATH = Pattern.compile("`([a-z][a-z0-9-]*\\.[A-Za-z0-9.+-]+)`");

    @Test
    void theDocListsEveryAssumedEntryAndNothingElse() throws IOException {
        FirmwareProfile shipped = ProfileLoader.load(ProfileLoaderTest.SHIPPED).orElseThrow();
        Set<String> sections = shipped.entries().stream().map(e -> e.path().split("[.\\[]", 2)[0])
                .collect(Collectors.toSet());
        Set<String> assumed = shipped.entries().stream().filter(e -> e.source().kind() == Source.Kind.ASSUMED)
                .map(FirmwareProfile.ProfileEntry::path).collect(Collectors.toCollection(TreeSet::new));

        Set<String> listed = new TreeSet<>();
        Matcher m = PATH.matcher(section());
        while (m.find()) {
            String path = m.group(1);
            if (sections.contains(path.substring(0, path.indexOf('.')))) {
                listed.add(path);
            }
        }
        assertThat(listed).as("profile entries named in %s \"%s\" against the shipped profile's assumed entries",
                DOC, HEADING).isEqualTo(assumed);
    }

    private static String section() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int start = doc.indexOf(HEADING);
        assertThat(start).as("%s has a section \"%s\"", DOC, HEADING).isNotNegative();
        int end = doc.indexOf("\n## ", start + HEADING.length());
        return end < 0 ? doc.substring(start) : doc.substring(start, end);
    }
}
