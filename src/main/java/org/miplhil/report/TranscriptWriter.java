package org.miplhil.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes each case's transcript to {@code transcripts/<suite>/<case>.txt} (setup and teardown beside them). */
public final class TranscriptWriter implements ReportSink {

    private final ReportLayout layout;

    public TranscriptWriter(ReportLayout layout) {
        this.layout = layout;
    }

    @Override
    public void caseFinished(SuiteInfo suite, CaseResult result) {
        if (!result.transcript().isEmpty()) {
            write(layout.transcript(suite, result.info()), result.transcript());
        }
    }

    @Override
    public void suiteFinished(SuiteResult result) {
        for (FixtureResult f : new FixtureResult[] {result.setup(), result.teardown()}) {
            if (f != null && !f.transcript().isEmpty()) {
                write(layout.transcripts().resolve(ReportLayout.fileName(result.info().name()))
                        .resolve("_" + f.name() + ".txt"), f.transcript());
            }
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write transcript " + file, e);
        }
    }
}
