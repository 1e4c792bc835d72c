package org.miplhil.platform;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** A short, printable summary of a CoAP payload for logs. Pure; never throws. */
public final class PayloadSummary {

    static final int MAX_TEXT = 120;
    static final int MAX_HEX_BYTES = 32;

    private PayloadSummary() {
    }

    /**
     * Empty for no payload; printable UTF-8 text as is (cut at {@value #MAX_TEXT} chars); anything else as
     * hex of the first {@value #MAX_HEX_BYTES} bytes. Both forms end with the length when cut.
     */
    public static String of(byte[] payload) {
        if (payload == null || payload.length == 0) {
            return "";
        }
        String text = printableText(payload);
        if (text != null) {
            return text.length() <= MAX_TEXT ? text
                    : text.substring(0, MAX_TEXT) + "… (" + payload.length + " bytes)";
        }
        int n = Math.min(payload.length, MAX_HEX_BYTES);
        String hex = "0x" + HexFormat.of().withUpperCase().formatHex(payload, 0, n);
        return payload.length <= MAX_HEX_BYTES ? hex : hex + "… (" + payload.length + " bytes)";
    }

    private static String printableText(byte[] payload) {
        String s;
        try {
            s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c)) {
                return null;
            }
        }
        return s;
    }
}
