package org.miplhil.platform.onenet.push;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.miplhil.json.Json;

/**
 * OneNET's push bodies (nb-iot/book/manual/httppush/develop-manual.md) as text and as {@link PushMessage}s: pure,
 * no I/O. Reading never throws; what cannot be used is reported as a problem. Writing makes the double's bodies.
 */
public final class PushCodec {

    /** develop-manual.md: the nonce is an 8-character random string ("abcdefgh"; data-push copies 8 bytes). */
    public static final int NONCE_LENGTH = 8;
    private static final String NONCE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Only used to find where the {@code msg} member's text starts and ends; values are read through {@link Json}. */
    private static final JsonFactory LOCATOR = new JsonFactory();

    private PushCodec() {
    }

    /** The outcome of reading a body. */
    public sealed interface Parsed {
        record Ok(PushEnvelope envelope) implements Parsed {
        }

        record Error(String reason) implements Parsed {
        }
    }

    /** The messages of a {@code msg} value, in order, and the problems of the elements that were left out. */
    public record Decoded(List<PushMessage> messages, List<String> problems) {
        public Decoded {
            messages = List.copyOf(messages);
            problems = List.copyOf(problems);
        }
    }

    /** Reads a POST body: an object with {@code msg} or {@code enc_msg}, {@code nonce} and {@code msg_signature}. */
    public static Parsed parseEnvelope(String body) {
        Json.Parsed parsed = Json.parse(body);
        if (parsed instanceof Json.Parsed.Error e) {
            return new Parsed.Error("the body is not JSON: " + e);
        }
        JsonNode root = ((Json.Parsed.Ok) parsed).value();
        if (!root.isObject()) {
            return new Parsed.Error("the body is not a JSON object");
        }
        Optional<String> nonce = text(root, "nonce");
        Optional<String> signature = text(root, "msg_signature");
        if (root.has("nonce") && nonce.isEmpty() || root.has("msg_signature") && signature.isEmpty()) {
            return new Parsed.Error("nonce and msg_signature must be strings");
        }
        JsonNode enc = root.get("enc_msg");
        JsonNode msg = root.get("msg");
        if (enc != null && msg != null) {
            return new Parsed.Error("the body has both msg and enc_msg");
        }
        if (enc != null) {
            if (!enc.isTextual()) {
                return new Parsed.Error("enc_msg is not a string");
            }
            return new Parsed.Ok(new PushEnvelope(nonce, signature, new PushEnvelope.Encrypted(enc.textValue())));
        }
        if (msg == null) {
            return new Parsed.Error("the body has neither msg nor enc_msg");
        }
        if (!msg.isObject() && !msg.isArray()) {
            return new Parsed.Error("msg is neither an object nor an array");
        }
        Optional<String> raw = rawMember(body, "msg");
        if (raw.isEmpty()) {
            return new Parsed.Error("the text of msg cannot be located");
        }
        return new Parsed.Ok(new PushEnvelope(nonce, signature,
                new PushEnvelope.Plain(raw.get(), Json.write(msg), msg)));
    }

    /** The messages of a decrypted {@code enc_msg}: the {@code msg} JSON text (an object or an array). */
    public static Decoded decodeText(String msgText) {
        Json.Parsed parsed = Json.parse(msgText);
        if (parsed instanceof Json.Parsed.Error e) {
            return new Decoded(List.of(), List.of("the decrypted message is not JSON: " + e));
        }
        JsonNode msg = ((Json.Parsed.Ok) parsed).value();
        if (!msg.isObject() && !msg.isArray()) {
            return new Decoded(List.of(), List.of("the decrypted message is neither an object nor an array"));
        }
        return decode(msg);
    }

    /** The messages of a {@code msg} value: one object, or an array of them (a batch, in its order). */
    public static Decoded decode(JsonNode msg) {
        List<PushMessage> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (msg == null || !(msg.isObject() || msg.isArray())) {
            return new Decoded(out, List.of("msg is neither an object nor an array"));
        }
        List<JsonNode> elements = new ArrayList<>();
        if (msg.isArray()) {
            msg.forEach(elements::add);
        } else {
            elements.add(msg);
        }
        for (int i = 0; i < elements.size(); i++) {
            String where = msg.isArray() ? "msg[" + i + "]" : "msg";
            MessageReader reader = new MessageReader(where, elements.get(i));
            Optional<PushMessage> m = reader.read();
            m.ifPresent(out::add);
            if (m.isEmpty()) {
                problems.add(reader.problem);
            }
        }
        return new Decoded(out, problems);
    }

    /** Reads one element; on a problem, {@link #problem} says what. */
    private static final class MessageReader {
        private final String where;
        private final JsonNode node;
        String problem;

        MessageReader(String where, JsonNode node) {
            this.where = where;
            this.node = node;
        }

        Optional<PushMessage> read() {
            if (!node.isObject()) {
                return fail("is not an object");
            }
            JsonNode type = node.get("type");
            if (type == null || !type.isIntegralNumber() || !type.canConvertToInt()) {
                return fail("has no integer type");
            }
            try {
                return switch (type.intValue()) {
                    case 1 -> Optional.of(new PushMessage.DataPoint(number("dev_id"), text(node, "imei"),
                            string("ds_id"), number("at"), present("value")));
                    case 2 -> Optional.of(new PushMessage.DeviceStatus(number("dev_id"), text(node, "imei"),
                            status(), optionalInt("login_type"), number("at")));
                    case 7 -> Optional.of(new PushMessage.CachedCommandResult(string("cmd_id"), text(node, "imei"),
                            number("dev_id"), integer("cmd_type"), optionalNumber("send_time"),
                            integer("send_status"), optionalNumber("confirm_time"), integer("confirm_status"),
                            Optional.ofNullable(node.get("confirm_body")).filter(b -> !b.isNull())));
                    default -> Optional.of(new PushMessage.Other(type.intValue(), optionalNumber("at"), node));
                };
            } catch (Missing e) {
                return fail("(type " + type.intValue() + ") " + e.getMessage());
            }
        }

        private Optional<PushMessage> fail(String what) {
            problem = where + " " + what;
            return Optional.empty();
        }

        /** An integral number (or a string of digits: some clients quote ids). */
        private long number(String name) {
            JsonNode v = node.get(name);
            if (v != null && v.isIntegralNumber() && v.canConvertToLong()) {
                return v.longValue();
            }
            if (v != null && v.isTextual() && v.textValue().matches("-?[0-9]{1,18}")) {
                return Long.parseLong(v.textValue());
            }
            throw new Missing(v == null ? "has no " + name : name + " is not an integer");
        }

        private long optionalNumber(String name) {
            return node.has(name) && !node.get(name).isNull() ? number(name) : 0;
        }

        private int integer(String name) {
            JsonNode v = node.get(name);
            if (v == null || v.isNull()) {
                return 0;
            }
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw new Missing(name + " is not an integer");
            }
            return v.intValue();
        }

        private OptionalInt optionalInt(String name) {
            JsonNode v = node.get(name);
            if (v == null || v.isNull()) {
                return OptionalInt.empty();
            }
            return OptionalInt.of(integer(name));
        }

        private boolean status() {
            long s = number("status");
            if (s != 0 && s != 1) {
                throw new Missing("status is " + s + ", not 0 (offline) or 1 (online)");
            }
            return s == 1;
        }

        private String string(String name) {
            JsonNode v = node.get(name);
            if (v == null || !v.isTextual()) {
                throw new Missing(v == null ? "has no " + name : name + " is not a string");
            }
            return v.textValue();
        }

        private JsonNode present(String name) {
            JsonNode v = node.get(name);
            if (v == null) {
                throw new Missing("has no " + name);
            }
            return v;
        }
    }

    /** A member a message of its type needs is absent or of the wrong kind (internal to the reader). */
    private static final class Missing extends RuntimeException {
        Missing(String message) {
            super(message, null, false, false);
        }
    }

    private static Optional<String> text(JsonNode node, String name) {
        JsonNode v = node.get(name);
        return v != null && v.isTextual() ? Optional.of(v.textValue()) : Optional.empty();
    }

    /** The text of a top-level member's value exactly as it stands in {@code body}. */
    static Optional<String> rawMember(String body, String name) {
        try (JsonParser p = LOCATOR.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                int start = (int) p.currentTokenLocation().getCharOffset();
                p.skipChildren();
                int end = (int) p.currentLocation().getCharOffset();
                if (name.equals(field) && start >= 0 && end <= body.length() && start < end) {
                    return Optional.of(body.substring(start, end));
                }
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    // ---- writing (the double) ----

    /** A new nonce: 8 random letters and digits. */
    public static String newNonce() {
        StringBuilder s = new StringBuilder(NONCE_LENGTH);
        for (int i = 0; i < NONCE_LENGTH; i++) {
            s.append(NONCE_CHARS.charAt(RANDOM.nextInt(NONCE_CHARS.length())));
        }
        return s.toString();
    }

    /** One message as OneNET writes it, members in the documentation's order. */
    public static ObjectNode node(PushMessage message) {
        ObjectNode o = Json.object();
        if (message instanceof PushMessage.DataPoint d) {
            o.put("type", 1).put("dev_id", d.devId());
            d.imei().ifPresent(i -> o.put("imei", i));
            o.put("ds_id", d.dsId()).put("at", d.at()).set("value", d.value());
        } else if (message instanceof PushMessage.DeviceStatus s) {
            o.put("type", 2).put("dev_id", s.devId());
            s.imei().ifPresent(i -> o.put("imei", i));
            o.put("status", s.online() ? 1 : 0);
            s.loginType().ifPresent(l -> o.put("login_type", l));
            o.put("at", s.at());
        } else if (message instanceof PushMessage.CachedCommandResult c) {
            o.put("type", 7).put("cmd_id", c.cmdId());
            c.imei().ifPresent(i -> o.put("imei", i));
            o.put("dev_id", c.devId()).put("cmd_type", c.cmdType()).put("send_time", c.sendTime())
                    .put("send_status", c.sendStatus()).put("confirm_time", c.confirmTime())
                    .put("confirm_status", c.confirmStatus());
            c.confirmBody().ifPresent(b -> o.set("confirm_body", b));
        } else {
            PushMessage.Other other = (PushMessage.Other) message;
            if (other.raw() != null && other.raw().isObject()) {
                o.setAll((ObjectNode) other.raw());
            }
            o.put("type", other.type());
        }
        return o;
    }

    /** The {@code msg} JSON text: one object for one message, an array for a batch. */
    public static String msgText(List<? extends PushMessage> messages) {
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("no messages");
        }
        if (messages.size() == 1) {
            return Json.write(node(messages.get(0)));
        }
        var array = Json.array();
        messages.forEach(m -> array.add(node(m)));
        return Json.write(array);
    }

    /**
     * A POST body: {@code {"msg":…,"msg_signature":…,"nonce":…}}, or with a cipher
     * {@code {"enc_msg":…,"msg_signature":…,"nonce":…}}; signed with {@code token} (the empty token when none).
     */
    public static String envelope(List<? extends PushMessage> messages, String token, Optional<PushCipher> cipher,
                                  String nonce) {
        String text = msgText(messages);
        if (cipher.isPresent()) {
            String enc = cipher.get().encrypt(text);
            ObjectNode body = Json.object();
            body.put("enc_msg", enc).put("msg_signature", PushSignature.sign(token, nonce, enc)).put("nonce", nonce);
            return Json.write(body);
        }
        // the signed text goes into the body exactly as signed
        return "{\"msg\":" + text + ",\"msg_signature\":" + Json.write(PushSignature.sign(token, nonce, text))
                + ",\"nonce\":" + Json.write(nonce) + "}";
    }
}
