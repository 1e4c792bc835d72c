package org.miplhil.sim.fota;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * The delta package the virtual module downloads (7.10.4: a "差分包" from a base revision to a target revision).
 * The real format is Quectel's and not public; this one carries what the module checks: the revision it applies
 * to, the revision it brings, and the payload's size and SHA-256. A text header, an empty line, the payload:
 *
 * <pre>
 * MIPL-DELTA 1
 * base: BC260YCNAAR01A03
 * target: BC260YCNAAR01A03_BETA0721
 * size: 4096
 * sha256: 3b7c...(64 hex digits of the payload)
 *
 * (size payload bytes)
 * </pre>
 *
 * Lines end with LF; keys are lower case, each once, in any order. {@link #parse} never throws: it returns
 * {@link Parsed.Invalid} naming the problem. See {@code docs/fota.md}.
 */
public record DeltaPackage(String base, String target, byte[] payload, String sha256) {

    public static final String MAGIC = "MIPL-DELTA";
    public static final int FORMAT_VERSION = 1;
    /** Longest header accepted before its empty line. */
    public static final int MAX_HEADER = 4096;
    /** Largest payload accepted (the module's spare flash, assumed). */
    public static final long MAX_PAYLOAD = 16L * 1024 * 1024;
    private static final Pattern REVISION = Pattern.compile("[\\x21-\\x7E]{1,64}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final List<String> KEYS = List.of("base", "target", "size", "sha256");

    public DeltaPackage {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(target, "target");
        payload = payload.clone();
        Objects.requireNonNull(sha256, "sha256");
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    public int size() {
        return payload.length;
    }

    /** What is wrong with a package. */
    public enum Problem {
        /** Does not start with {@code MIPL-DELTA}. */
        NOT_A_PACKAGE,
        /** A format version this reader does not know. */
        UNSUPPORTED_VERSION,
        /** A header line that is malformed, unknown, repeated or missing, or no empty line ending the header. */
        BAD_HEADER,
        /** Fewer or more payload bytes than {@code size} says (a cut download, or trailing bytes). */
        SIZE_MISMATCH,
        /** The payload's SHA-256 differs from the header's (a damaged package). */
        DIGEST_MISMATCH
    }

    /** The result of {@link #parse}. */
    public sealed interface Parsed {
        record Valid(DeltaPackage pkg) implements Parsed {}

        record Invalid(Problem problem, String detail) implements Parsed {}
    }

    /** Reads a whole package; never throws. */
    public static Parsed parse(byte[] bytes) {
        if (bytes == null) {
            return new Parsed.Invalid(Problem.NOT_A_PACKAGE, "no bytes");
        }
        int end = headerEnd(bytes);
        byte[] magic = (MAGIC + " ").getBytes(StandardCharsets.US_ASCII);
        if (bytes.length < magic.length || !startsWith(bytes, magic)) {
            return new Parsed.Invalid(Problem.NOT_A_PACKAGE, "does not start with '" + MAGIC + " '");
        }
        if (end < 0) {
            return new Parsed.Invalid(Problem.BAD_HEADER, "no empty line within the first " + MAX_HEADER + " bytes");
        }
        String header = new String(bytes, 0, end, StandardCharsets.US_ASCII);
        for (int i = 0; i < end; i++) {
            int b = bytes[i] & 0xFF;
            if (b != '\n' && (b < 0x20 || b > 0x7E)) {
                return new Parsed.Invalid(Problem.BAD_HEADER, "byte 0x" + Integer.toHexString(b) + " at " + i
                        + " in the header (printable ASCII only)");
            }
        }
        String[] lines = header.split("\n", -1);
        String version = lines[0].substring(MAGIC.length() + 1);
        if (!version.equals(Integer.toString(FORMAT_VERSION))) {
            return new Parsed.Invalid(Problem.UNSUPPORTED_VERSION, "format version '" + version + "', this reader knows "
                    + FORMAT_VERSION);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(": ");
            if (colon <= 0) {
                return new Parsed.Invalid(Problem.BAD_HEADER, "line " + (i + 1) + " is not 'key: value': '" + line + "'");
            }
            String key = line.substring(0, colon);
            String value = line.substring(colon + 2);
            if (!KEYS.contains(key)) {
                return new Parsed.Invalid(Problem.BAD_HEADER, "unknown key '" + key + "' on line " + (i + 1));
            }
            if (fields.putIfAbsent(key, value) != null) {
                return new Parsed.Invalid(Problem.BAD_HEADER, "key '" + key + "' repeated on line " + (i + 1));
            }
        }
        for (String key : KEYS) {
            if (!fields.containsKey(key)) {
                return new Parsed.Invalid(Problem.BAD_HEADER, "missing '" + key + ":'");
            }
        }
        String base = fields.get("base");
        String target = fields.get("target");
        if (!REVISION.matcher(base).matches()) {
            return new Parsed.Invalid(Problem.BAD_HEADER, "base '" + base + "' is not a revision (1-64 visible characters)");
        }
        if (!REVISION.matcher(target).matches()) {
            return new Parsed.Invalid(Problem.BAD_HEADER, "target '" + target + "' is not a revision (1-64 visible characters)");
        }
        String sizeText = fields.get("size");
        if (!sizeText.matches("\\d{1,9}")) {
            return new Parsed.Invalid(Problem.BAD_HEADER, "size '" + sizeText + "' is not a number of bytes");
        }
        long size = Long.parseLong(sizeText);
        if (size > MAX_PAYLOAD) {
            return new Parsed.Invalid(Problem.BAD_HEADER, "size " + size + " is above " + MAX_PAYLOAD);
        }
        String sha = fields.get("sha256");
        if (!SHA256.matcher(sha).matches()) {
            return new Parsed.Invalid(Problem.BAD_HEADER, "sha256 '" + sha + "' is not 64 lower-case hex digits");
        }
        int start = end + 2; // the LF ending the last header line, then the empty line's LF
        long actual = (long) bytes.length - start;
        if (actual != size) {
            return new Parsed.Invalid(Problem.SIZE_MISMATCH, "size says " + size + " bytes, the package carries "
                    + actual);
        }
        byte[] payload = java.util.Arrays.copyOfRange(bytes, start, bytes.length);
        String digest = sha256(payload);
        if (!digest.equals(sha)) {
            return new Parsed.Invalid(Problem.DIGEST_MISMATCH, "sha256 of the payload is " + digest + ", the header says "
                    + sha);
        }
        return new Parsed.Valid(new DeltaPackage(base, target, payload, sha));
    }

    /** Index of the LF that ends the header's last line (the next byte is the empty line's LF), or -1. */
    private static int headerEnd(byte[] bytes) {
        int limit = Math.min(bytes.length - 1, MAX_HEADER);
        for (int i = 0; i < limit; i++) {
            if (bytes[i] == '\n' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- writing

    /** A package of {@code payload} from {@code base} to {@code target}. */
    public static DeltaPackage of(String base, String target, byte[] payload) {
        if (!REVISION.matcher(base).matches() || !REVISION.matcher(target).matches()) {
            throw new IllegalArgumentException("revisions are 1-64 visible ASCII characters: '" + base + "', '"
                    + target + "'");
        }
        if (payload.length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("payload above " + MAX_PAYLOAD + " bytes: " + payload.length);
        }
        return new DeltaPackage(base, target, payload, sha256(payload));
    }

    /** The header, as written before the payload (ends with the empty line). */
    public String header() {
        return MAGIC + " " + FORMAT_VERSION + "\n"
                + "base: " + base + "\n"
                + "target: " + target + "\n"
                + "size: " + payload.length + "\n"
                + "sha256: " + sha256 + "\n"
                + "\n";
    }

    /** The package's bytes: header then payload. */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 256);
        out.writeBytes(header().getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /**
     * The package's bytes with one payload byte changed after the header was made, as a damaged transfer or
     * flash would leave it: the header still names the original digest, so {@link #parse} reports
     * {@link Problem#DIGEST_MISMATCH}. Needs a payload of at least one byte.
     */
    public byte[] toDamagedBytes() {
        if (payload.length == 0) {
            throw new IllegalArgumentException("an empty payload cannot be damaged");
        }
        byte[] bytes = toBytes();
        int at = bytes.length - payload.length + payload.length / 2;
        bytes[at] = (byte) ~bytes[at];
        return bytes;
    }

    /** Payload bytes for a made-up package: pseudo-random, the same for the same revisions and size. */
    public static byte[] syntheticPayload(String base, String target, int size) {
        byte[] out = new byte[size];
        new Random(((long) base.hashCode() << 32) ^ target.hashCode()).nextBytes(out);
        return out;
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeltaPackage d && base.equals(d.base) && target.equals(d.target) && sha256.equals(d.sha256)
                && java.util.Arrays.equals(payload, d.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(base, target, sha256);
    }

    @Override
    public String toString() {
        return "DeltaPackage[" + base + " -> " + target + ", " + payload.length + " bytes, sha256 " + sha256 + "]";
    }
}
