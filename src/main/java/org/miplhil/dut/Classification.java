package org.miplhil.dut;

import org.miplhil.at.AtLine;

/** Short names of line kinds, for transcripts and failure messages. */
final class Classification {

    private Classification() {
    }

    static String tag(AtLine line) {
        if (line instanceof AtLine.Echo) {
            return "echo";
        }
        if (line instanceof AtLine.FinalResult f) {
            return describe(f);
        }
        if (line instanceof AtLine.Information) {
            return "info";
        }
        if (line instanceof AtLine.Urc) {
            return "URC";
        }
        return "noise: " + ((AtLine.Noise) line).reason();
    }

    static String describe(AtLine.FinalResult f) {
        return switch (f.kind()) {
            case OK -> "OK";
            case ERROR -> "ERROR";
            case CIS_ERROR -> "+CIS ERROR " + (f.code().isPresent() ? f.code().getAsInt() : "?");
            case CME_ERROR -> "+CME ERROR " + (f.code().isPresent() ? f.code().getAsInt() : "?");
        };
    }
}
