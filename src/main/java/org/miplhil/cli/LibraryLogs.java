package org.miplhil.cli;

/** The console levels of Leshan's and Californium's logs for the commands that run cases. */
final class LibraryLogs {

    private static final String DEFAULT_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

    private LibraryLogs() {}

    /**
     * The libraries' INFO lines would bury the per-case lines (unless {@code -Dorg.slf4j.simpleLogger.defaultLogLevel}
     * or {@code MIPL_HIL_LOG} asks for them); and an observe racing a deregistration is refused by Leshan's store with
     * a stack trace that the case's CoAP log already holds; a retransmission timer of an exchange still open when a
     * case's endpoint shuts down is refused by the stopped executor, with a stack trace about an exchange that is
     * dropped with its endpoint anyway. Testcontainers warns on every start that Ryuk is disabled: here that is the
     * setting (no registry for its image; docs/containers.md), and the lab removes its containers itself.
     */
    static void keepQuiet() {
        if (System.getProperty(DEFAULT_LEVEL) == null) {
            System.setProperty(DEFAULT_LEVEL, "warn");
        }
        System.setProperty("org.slf4j.simpleLogger.log.org.eclipse.californium.core.network.stack.BaseCoapStack", "error");
        System.setProperty("org.slf4j.simpleLogger.log.org.eclipse.californium.elements.util.SerialExecutor", "off");
        System.setProperty("org.slf4j.simpleLogger.log.org.testcontainers.utility.ResourceReaper", "error");
    }
}
