package org.miplhil.sim;

/**
 * One resource value the MCU gave in AT+MIPLNOTIFY or AT+MIPLREADRSP, as written on the command line:
 * {@code value} is the text without quotes (hex digits for {@link ValueType#HEX}).
 */
public record ResourceValue(int objId, int insId, int resId, ValueType valueType, int len, String value) {

    /** {@code <valueType>} of 3.3.11 / 3.3.15. */
    public enum ValueType {
        STRING(1), HEX(2), INTEGER(3), FLOAT(4), BOOLEAN(5);

        private final int code;

        ValueType(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        public static java.util.Optional<ValueType> of(long code) {
            for (ValueType t : values()) {
                if (t.code == code) {
                    return java.util.Optional.of(t);
                }
            }
            return java.util.Optional.empty();
        }
    }
}
