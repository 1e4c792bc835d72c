/**
 * The AT codec: framing of bytes into lines, classification of lines (echo, final result,
 * information response, URC, noise), the generic AT command-line syntax of 3.1.2, and typed
 * records for the MIPL commands of chapter 3 and the URCs of chapter 5.
 *
 * <p>Everything here is pure: no threads, no I/O, and no method throws on bad input — bad input
 * is reported as {@link org.miplhil.at.Parsed.Invalid} or as a noise {@link org.miplhil.at.RawLine}.
 */
package org.miplhil.at;
