package org.miplhil.compare;

/** What one run (one module of a fleet) was: as results.json's {@code runs} entries. */
public record RunRecord(String module, String target, String firmwareRevision, String profile, String profileSha256,
                        String profileCopy, String start) {
}
