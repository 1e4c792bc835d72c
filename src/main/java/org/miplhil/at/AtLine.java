package org.miplhil.at;

import java.util.OptionalInt;

/** A framed line, classified by {@link LineClassifier}. Each kind keeps the {@link RawLine} it came from. */
public sealed interface AtLine permits AtLine.Echo, AtLine.FinalResult, AtLine.Information, AtLine.Urc, AtLine.Noise {

    RawLine raw();

    default String text() {
        return raw().text();
    }

    /** The module repeating the command line it is executing (echo on, ATE1). */
    record Echo(RawLine raw) implements AtLine {}

    /** The line that ends a command: {@code OK}, {@code ERROR}, {@code +CIS ERROR: <n>}, {@code +CME ERROR: <n>}. */
    record FinalResult(RawLine raw, Kind kind, OptionalInt code) implements AtLine {

        public enum Kind { OK, ERROR, CIS_ERROR, CME_ERROR }

        public boolean isOk() {
            return kind == Kind.OK;
        }

        /** The chapter 4 error, for {@code +CIS ERROR: 651..655}. */
        public java.util.Optional<CisError> cisError() {
            return kind == Kind.CIS_ERROR && code.isPresent() ? CisError.of(code.getAsInt()) : java.util.Optional.empty();
        }
    }

    /** A line of the pending command's answer ({@code +MIPLCREATE: 0}, {@code Quectel_Ltd}). */
    record Information(RawLine raw) implements AtLine {}

    /** An unsolicited line. {@code kind} is {@link UrcKind#UNKNOWN} for lines no known prefix matches: kept, never dropped. */
    record Urc(RawLine raw, UrcKind kind) implements AtLine {

        /** The typed URC, when it is one of chapter 5 (or RDY, +IP, +CFUN). */
        public Parsed<MiplUrc> parse() {
            return MiplUrcs.parse(raw.text());
        }
    }

    /** Bytes that are not a text line (garbage, overlong), with the framer's reason. */
    record Noise(RawLine raw, String reason) implements AtLine {}
}
