package org.miplhil.json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.lang.reflect.RecordComponent;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.introspect.AnnotatedClass;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/**
 * The project's one JSON setup (Jackson): how every JSON text is read and written — the OneNET-like HTTP API,
 * report files, self-check and bench output, power switch replies.
 *
 * <ul>
 *   <li>Members come out in the order they are given: record components in declaration order, maps and
 *       {@link ObjectNode}s in insertion order (never sorted).</li>
 *   <li>{@link #write} is compact (wire formats, one-line output); {@link #writePretty} indents by two spaces and
 *       writes {@code "name": value} with a final newline, for files people open.</li>
 *   <li>Text is written as is apart from what JSON requires ({@code "}, {@code \}, control characters): no HTML
 *       escaping of {@code <>&'}, no {@code \/}, no escaping of non-ASCII characters.</li>
 *   <li>JSON has no NaN or infinity: such a double is written {@code null}. {@code BigDecimal}s are written plain
 *       ({@code 1.50}, never {@code 1.5E+0}); {@link #fixed} makes one with a fixed number of decimals.</li>
 *   <li>{@link #parse} never throws: a document with a syntax error, a duplicate member, text after it, or nesting
 *       deeper than {@value #MAX_DEPTH} is an {@link Parsed.Error} with the offset of the problem.</li>
 * </ul>
 */
public final class Json {

    /** Deepest nesting accepted, so hostile input cannot exhaust the stack. */
    public static final int MAX_DEPTH = 64;

    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // parse errors carry an offset; the document itself is not repeated in the message
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            // Jackson 2.15 puts a record component renamed with @JsonProperty ahead of the others
            .annotationIntrospector(new RecordOrder())
            .disable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            // a BigDecimal put into a tree keeps its scale (fixed decimals stay fixed)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .addModule(new SimpleModule("mipl-hil").addSerializer(Double.class, new FiniteDouble())
                    .addSerializer(double.class, new FiniteDouble()))
            .build();

    private static final ObjectWriter COMPACT = MAPPER.writer();
    private static final ObjectWriter PRETTY = MAPPER.writer(new ForPeople());

    private Json() {
    }

    /** The outcome of {@link #parse}. */
    public sealed interface Parsed {
        record Ok(JsonNode value) implements Parsed {
        }

        /** Where (a character offset into the text) and what the first problem is. */
        record Error(String message, int offset) implements Parsed {
            @Override
            public String toString() {
                return message + " at offset " + offset;
            }
        }
    }

    /** Reads one JSON document; never throws. */
    public static Parsed parse(String text) {
        if (text == null) {
            return new Parsed.Error("no document", 0);
        }
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                return new Parsed.Error("no document", 0);
            }
            if (!finite(node)) {
                // Jackson reads 1e999 as infinity; JSON cannot say infinity, so the number is beyond range
                return new Parsed.Error("number out of range of a double", 0);
            }
            return new Parsed.Ok(node);
        } catch (JsonProcessingException e) {
            long at = e.getLocation() == null ? 0 : e.getLocation().getCharOffset();
            String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
            return new Parsed.Error(message.replace('\n', ' '), (int) Math.max(0, Math.min(text.length(), at)));
        } catch (RuntimeException e) {
            // Jackson reports its own limits as exceptions of several kinds; none must escape
            return new Parsed.Error(String.valueOf(e.getMessage()), 0);
        }
    }

    private static boolean finite(JsonNode node) {
        if (node.isContainerNode()) {
            for (JsonNode child : node) {
                if (!finite(child)) {
                    return false;
                }
            }
            return true;
        }
        return !node.isFloatingPointNumber() || Double.isFinite(node.doubleValue());
    }

    /** Compact JSON text of a record, map, list, tree node, string, number, boolean or null. */
    public static String write(Object value) {
        return write(COMPACT, value);
    }

    /** Indented JSON text ending with a newline, for files people read. */
    public static String writePretty(Object value) {
        return write(PRETTY, value) + "\n";
    }

    private static String write(ObjectWriter writer, Object value) {
        try {
            return writer.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            // only a type Jackson cannot write gets here: a programming error, not bad input
            throw new UncheckedIOException("cannot write " + value.getClass().getName() + " as JSON", e);
        }
    }

    /** An empty object to fill in order. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** An empty array. */
    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** The tree of a value (records, maps, lists, strings, numbers, booleans). */
    public static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /**
     * A tree as plain Java values: insertion-ordered maps, lists, strings, integers as {@code Long} (as
     * {@code BigInteger} beyond 64 bits), other numbers as {@code Double}, {@code Boolean}, null.
     */
    public static Object plain(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, Object> out = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> out.put(e.getKey(), plain(e.getValue())));
            return out;
        }
        if (node.isArray()) {
            List<Object> out = new ArrayList<>();
            node.forEach(e -> out.add(plain(e)));
            return out;
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.asText();
    }

    /** A reader with these settings, to bind a document to a type. */
    public static ObjectReader reader() {
        return MAPPER.reader();
    }

    /**
     * A number with exactly {@code decimals} digits after the point ({@code String.format("%.2f")} as a JSON
     * number); null when {@code value} is not finite.
     */
    public static BigDecimal fixed(double value, int decimals) {
        return Double.isFinite(value) ? BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP) : null;
    }

    /** A record's members in the order of its components, renamed or not (unless it says otherwise). */
    private static final class RecordOrder extends JacksonAnnotationIntrospector {
        @Override
        public String[] findSerializationPropertyOrder(AnnotatedClass ac) {
            String[] explicit = super.findSerializationPropertyOrder(ac);
            if (explicit != null || !ac.getRawType().isRecord()) {
                return explicit;
            }
            return Arrays.stream(ac.getRawType().getRecordComponents()).map(RecordComponent::getName)
                    .toArray(String[]::new);
        }
    }

    /** JSON has no NaN or infinity: those are written as null. */
    private static final class FiniteDouble extends StdSerializer<Double> {
        FiniteDouble() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (Double.isFinite(value)) {
                gen.writeNumber(value);
            } else {
                gen.writeNull();
            }
        }
    }

    /** Two-space indents on LF for objects and arrays, and {@code "name": value}. */
    private static final class ForPeople extends DefaultPrettyPrinter {
        ForPeople() {
            DefaultIndenter lf = new DefaultIndenter("  ", "\n");
            indentObjectsWith(lf);
            indentArraysWith(lf);
        }

        private ForPeople(ForPeople base) {
            super(base);
        }

        @Override
        public DefaultPrettyPrinter createInstance() {
            return new ForPeople(this);
        }

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }
    }
}
