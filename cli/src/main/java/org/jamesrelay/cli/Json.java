package org.jamesrelay.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * The JSON of WebAdmin, read and written with Jackson, and read back as an operator sees it. Numbers are kept exact
 * (policy versions are 63-bit numbers that a double would round). A malformed or unexpected answer is an
 * {@link IllegalArgumentException}, which the commands report as an unexpected answer.
 */
final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
        .build();

    private Json() {
    }

    static JsonNode parse(String text) {
        JsonNode value;
        try {
            value = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage(), e);
        }
        if (value == null || value.isMissingNode()) {
            throw new IllegalArgumentException("invalid JSON: no value");
        }
        return value;
    }

    /** A request body: maps, lists, strings, booleans and numbers. */
    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON", e);
        }
    }

    static JsonNode asObject(JsonNode value) {
        if (value != null && value.isObject()) {
            return value;
        }
        throw new IllegalArgumentException("a JSON object expected, got " + describe(value));
    }

    /** The items of an array; none for an absent field or null. */
    static List<JsonNode> asList(JsonNode value) {
        if (isAbsent(value)) {
            return List.of();
        }
        if (value.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            value.elements().forEachRemaining(items::add);
            return List.copyOf(items);
        }
        throw new IllegalArgumentException("a JSON array expected, got " + describe(value));
    }

    /** An absent field, or null. */
    static boolean isAbsent(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode();
    }

    /** JSON true, and nothing else. */
    static boolean isTrue(JsonNode value) {
        return value != null && value.isBoolean() && value.booleanValue();
    }

    /** A field as text: strings as they are, numbers without exponent, booleans as yes/no, null as empty. */
    static String text(JsonNode value) {
        if (isAbsent(value)) {
            return "";
        }
        if (value.isNumber()) {
            return value.decimalValue().toPlainString();
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? "yes" : "no";
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    /** The fields of an object, in their order. */
    static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode object) {
        return asObject(object)::fields;
    }

    private static String describe(JsonNode value) {
        return value == null ? "nothing" : value.getNodeType().toString().toLowerCase(Locale.ROOT);
    }
}
