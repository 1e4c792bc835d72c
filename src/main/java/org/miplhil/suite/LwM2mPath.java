package org.miplhil.suite;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An LwM2M path as the platform names it: {@code /objId}, {@code /objId/insId} or {@code /objId/insId/resId}. */
public record LwM2mPath(int objId, OptionalInt insId, OptionalInt resId) {

    private static final Pattern FORMAT = Pattern.compile("/(\\d{1,5})(?:/(\\d{1,5})(?:/(\\d{1,5}))?)?");

    public LwM2mPath {
        if (resId.isPresent() && insId.isEmpty()) {
            throw new IllegalArgumentException("a resource id needs an instance id");
        }
    }

    /** Parses {@code /3311/0/5805}; empty for anything else or an id above 65535. Never throws. */
    public static Optional<LwM2mPath> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        int obj = Integer.parseInt(m.group(1));
        OptionalInt ins = m.group(2) == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(m.group(2)));
        OptionalInt res = m.group(3) == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(m.group(3)));
        if (obj > 65535 || ins.orElse(0) > 65535 || res.orElse(0) > 65535) {
            return Optional.empty();
        }
        return Optional.of(new LwM2mPath(obj, ins, res));
    }

    /** 1 for an object, 2 for an instance, 3 for a resource. */
    public int depth() {
        return resId.isPresent() ? 3 : insId.isPresent() ? 2 : 1;
    }

    public boolean isResource() {
        return depth() == 3;
    }

    /** A path below this one, e.g. {@code /3311/0} + {@code 5850}; empty when that would go deeper than a resource. */
    public Optional<LwM2mPath> child(int id) {
        return switch (depth()) {
            case 1 -> Optional.of(new LwM2mPath(objId, OptionalInt.of(id), OptionalInt.empty()));
            case 2 -> Optional.of(new LwM2mPath(objId, insId, OptionalInt.of(id)));
            default -> Optional.empty();
        };
    }

    @Override
    public String toString() {
        return "/" + objId + (insId.isPresent() ? "/" + insId.getAsInt() : "") + (resId.isPresent() ? "/" + resId.getAsInt() : "");
    }
}
