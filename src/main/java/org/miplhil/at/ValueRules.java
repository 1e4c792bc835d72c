package org.miplhil.at;

import java.util.Set;

/**
 * The {@code <valueType>}/{@code <len>} rules of 3.3.11 and 3.3.15, as data: {@link #NOTE} is what
 * the note says; a firmware profile that knows better (the SDK also takes 8-byte floats) builds
 * its own with {@link #withFloatLens} and passes it to {@link MiplCommand#violations(ValueRules)}.
 */
public record ValueRules(Set<Integer> integerLens, Set<Integer> floatLens, int booleanLen,
                         MiplRanges.Range stringLen, MiplRanges.Range hexLen) {

    public static final ValueRules NOTE = new ValueRules(MiplRanges.INTEGER_LENS, MiplRanges.FLOAT_LENS,
            MiplRanges.BOOLEAN_LEN, MiplRanges.STRING_LEN, MiplRanges.HEX_LEN);

    public ValueRules {
        integerLens = Set.copyOf(integerLens);
        floatLens = Set.copyOf(floatLens);
        java.util.Objects.requireNonNull(stringLen, "stringLen");
        java.util.Objects.requireNonNull(hexLen, "hexLen");
    }

    public ValueRules withFloatLens(Integer... lens) {
        return new ValueRules(integerLens, Set.of(lens), booleanLen, stringLen, hexLen);
    }

    public ValueRules withIntegerLens(Integer... lens) {
        return new ValueRules(Set.of(lens), floatLens, booleanLen, stringLen, hexLen);
    }

    public ValueRules withStringLen(MiplRanges.Range range) {
        return new ValueRules(integerLens, floatLens, booleanLen, range, hexLen);
    }

    public ValueRules withHexLen(MiplRanges.Range range) {
        return new ValueRules(integerLens, floatLens, booleanLen, stringLen, range);
    }
}
