package org.miplhil.platform.onenet.push;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * The body of one push POST as it arrived: its {@code nonce} and {@code msg_signature}, and either the plain
 * {@code msg} (an object, or an array for a batch) or the encrypted {@code enc_msg}.
 */
public record PushEnvelope(Optional<String> nonce, Optional<String> msgSignature, Body body) {

    /** What the signature covers and what carries the messages. */
    public sealed interface Body {
        /** The text the signature is computed over. */
        String signedText();
    }

    /**
     * A plain {@code msg}: {@code rawText} is its JSON text exactly as it arrived (the signed text), {@code compactText}
     * its compact re-serialisation in arrival order (what data-push's PHP and C# demos sign; the same text when
     * OneNET sends compact JSON), {@code msg} the parsed value.
     */
    record Plain(String rawText, String compactText, JsonNode msg) implements Body {
        @Override
        public String signedText() {
            return rawText;
        }
    }

    /** An encrypted {@code enc_msg}: the signature covers this base64 string (data-push's Java demo). */
    record Encrypted(String encMsg) implements Body {
        @Override
        public String signedText() {
            return encMsg;
        }
    }

    /** Whether {@code msg_signature} verifies with {@code token}: over the raw text, or its compact form. */
    public boolean verifies(String token) {
        if (nonce.isEmpty() || msgSignature.isEmpty()) {
            return false;
        }
        if (PushSignature.verifyMessage(token, nonce.get(), body.signedText(), msgSignature.get())) {
            return true;
        }
        return body instanceof Plain p && !p.compactText().equals(p.rawText())
                && PushSignature.verifyMessage(token, nonce.get(), p.compactText(), msgSignature.get());
    }
}
