package org.miplhil.report;

import java.io.PrintStream;

/** The usual sets of outputs, ready to record a run. */
public final class Reports {

    private Reports() {
    }

    /** {@code ./mipl-hil run}: Allure results, JUnit XML, transcripts under {@code layout}, and the console. */
    public static RunRecorder forCommandLine(ReportLayout layout, ConsoleReporter console) {
        return RunRecorder.builder()
                .sink(new TranscriptWriter(layout))
                .sink(new ResultsWriter(layout))
                .sink(new AllureWriter(layout.allureResults()))
                .sink(new JUnitXmlWriter(layout))
                .sink(console)
                .build();
    }

    /** Under Maven Surefire (which writes the JUnit XML itself): Allure results and transcripts. */
    public static RunRecorder forTestEngine(ReportLayout layout) {
        return RunRecorder.builder()
                .sink(new TranscriptWriter(layout))
                .sink(new ResultsWriter(layout))
                .sink(new AllureWriter(layout.allureResults()))
                .build();
    }

    /** Only the console (for quick runs that keep no files). */
    public static RunRecorder consoleOnly(PrintStream out) {
        return RunRecorder.builder().sink(ConsoleReporter.builder(out).build()).build();
    }
}
