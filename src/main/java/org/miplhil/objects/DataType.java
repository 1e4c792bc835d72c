package org.miplhil.objects;

import java.util.List;
import java.util.Optional;
import org.miplhil.at.ValueType;

/** The data type of a resource, and the {@code <valueType>} (3.3.11) its values are written with. */
public enum DataType {
    STRING("string", ValueType.STRING),
    OPAQUE("opaque", ValueType.HEX),
    INTEGER("integer", ValueType.INTEGER),
    FLOAT("float", ValueType.FLOAT),
    BOOLEAN("boolean", ValueType.BOOLEAN);

    private final String word;
    private final ValueType valueType;

    DataType(String word, ValueType valueType) {
        this.word = word;
        this.valueType = valueType;
    }

    /** The word a fixture uses: {@code string}, {@code opaque} (or {@code hex}), {@code integer}, {@code float}, {@code boolean}. */
    public String word() {
        return word;
    }

    public ValueType valueType() {
        return valueType;
    }

    /** Words a fixture may write, {@code hex} being another name for {@code opaque}. */
    public static List<String> words() {
        return List.of("string", "opaque", "hex", "integer", "float", "boolean");
    }

    public static Optional<DataType> ofWord(String word) {
        if ("hex".equals(word)) {
            return Optional.of(OPAQUE);
        }
        for (DataType t : values()) {
            if (t.word.equals(word)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
