package org.miplhil.power;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A binary frame written as hex bytes and placeholders, separated by spaces: {@code A0 {ch} 01 {sum}}.
 * <ul>
 * <li>{@code A0} or {@code 0xA0}: a byte;</li>
 * <li>{@code {ch}}: the channel number as one byte;</li>
 * <li>{@code {sum}}: the low byte of the sum of every byte before it; {@code {sum:N}} of the bytes from index
 *     N (0-based) on, to leave a header out;</li>
 * <li>{@code {xor}}, {@code {xor:N}}: the same with exclusive or.</li>
 * </ul>
 * Parsing is pure and never throws: a bad template comes back as {@link Parse.Invalid} with the token's position.
 */
public final class FrameTemplate {

    /** Longest frame accepted (relay frames are a handful of bytes). */
    static final int MAX_TOKENS = 64;

    private static final Pattern BYTE = Pattern.compile("(?:0[xX])?([0-9A-Fa-f]{2})");
    private static final Pattern CHECK = Pattern.compile("\\{(sum|xor)(?::(\\d{1,2}))?}");

    private sealed interface Token {
    }

    private record Literal(int value) implements Token {
    }

    private record Channel() implements Token {
    }

    private record Check(boolean xor, int from) implements Token {
    }

    /** The result of {@link #parse}. */
    public sealed interface Parse {
        record Ok(FrameTemplate template) implements Parse {
        }

        /** {@code token} is 1-based (the first token is 1). */
        record Invalid(String reason, int token) implements Parse {
        }
    }

    private final String text;
    private final List<Token> tokens;

    private FrameTemplate(String text, List<Token> tokens) {
        this.text = text;
        this.tokens = List.copyOf(tokens);
    }

    public static Parse parse(String text) {
        if (text == null || text.isBlank()) {
            return new Parse.Invalid("the frame is empty", 0);
        }
        String[] words = text.strip().split("[\\s,]+");
        if (words.length > MAX_TOKENS) {
            return new Parse.Invalid("a frame has at most " + MAX_TOKENS + " bytes, this one has " + words.length, 0);
        }
        List<Token> tokens = new ArrayList<>();
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            Matcher b = BYTE.matcher(w);
            Matcher c = CHECK.matcher(w);
            if (b.matches()) {
                tokens.add(new Literal(Integer.parseInt(b.group(1), 16)));
            } else if (w.equals("{ch}")) {
                tokens.add(new Channel());
            } else if (c.matches()) {
                int from = c.group(2) == null ? 0 : Integer.parseInt(c.group(2));
                if (from >= i) {
                    return new Parse.Invalid("'" + w + "' starts at byte " + from + " but is byte " + i
                            + " itself (it covers the bytes before it)", i + 1);
                }
                tokens.add(new Check(c.group(1).equals("xor"), from));
            } else {
                return new Parse.Invalid("'" + w + "' is neither a hex byte (A0, 0xA0) nor one of {ch}, {sum}, "
                        + "{sum:N}, {xor}, {xor:N}", i + 1);
            }
        }
        return new Parse.Ok(new FrameTemplate(text.strip(), tokens));
    }

    /** Parses a template known to be valid (constants in code). */
    static FrameTemplate of(String text) {
        Parse p = parse(text);
        if (p instanceof Parse.Ok ok) {
            return ok.template();
        }
        throw new IllegalArgumentException(text + ": " + ((Parse.Invalid) p).reason());
    }

    /** The frame for a channel (0..255). */
    public byte[] render(int channel) {
        if (channel < 0 || channel > 255) {
            throw new IllegalArgumentException("a channel in a binary frame is one byte (0..255): " + channel);
        }
        byte[] out = new byte[tokens.size()];
        for (int i = 0; i < out.length; i++) {
            Token t = tokens.get(i);
            int v;
            if (t instanceof Literal l) {
                v = l.value();
            } else if (t instanceof Channel) {
                v = channel;
            } else {
                Check c = (Check) t;
                v = 0;
                for (int j = c.from(); j < i; j++) {
                    v = c.xor() ? v ^ (out[j] & 0xFF) : v + (out[j] & 0xFF);
                }
            }
            out[i] = (byte) v;
        }
        return out;
    }

    /** The number of bytes in a frame. */
    public int length() {
        return tokens.size();
    }

    public String text() {
        return text;
    }

    /** {@code A0 01 01 A2}. */
    public static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        HexFormat hf = HexFormat.of().withUpperCase();
        for (byte b : bytes) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(hf.toHexDigits(b));
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FrameTemplate f && f.tokens.equals(tokens);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tokens);
    }

    @Override
    public String toString() {
        return text;
    }
}
