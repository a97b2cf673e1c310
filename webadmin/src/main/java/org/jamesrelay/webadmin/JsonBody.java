package org.jamesrelay.webadmin;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;

/**
 * A JSON request body, read strictly: unknown fields and values of the wrong type are refused with a message that
 * names the field, so that a typing error is not silently ignored. Failures are {@link IllegalArgumentException}s.
 */
final class JsonBody {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final JsonNode node;
    /** How messages name the fields of this body: empty for the request itself, {@code rules[1].} for an item of it. */
    private final String path;

    private JsonBody(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** Any JSON value. */
    static JsonBody parse(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException("JSON payload of the request is empty");
            }
            return new JsonBody(node, "");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("JSON payload of the request is not valid: " + e.getOriginalMessage());
        }
    }

    /** A JSON object with only the given fields; an empty body is an empty object. */
    static JsonBody object(String text, Set<String> fields) {
        if (text == null || text.isBlank()) {
            return new JsonBody(MAPPER.createObjectNode(), "");
        }
        JsonBody body = parse(text);
        if (!body.node.isObject()) {
            throw new IllegalArgumentException("JSON payload of the request must be an object, not " + kind(body.node));
        }
        return body.withOnly(fields);
    }

    private JsonBody withOnly(Set<String> fields) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw new IllegalArgumentException("unknown field '" + path + name + "'; the fields are " + String.join(", ", new TreeSet<>(fields)));
            }
        }
        return this;
    }

    JsonNode node() {
        return node;
    }

    Optional<String> string(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(path + field + " must be a string, not " + kind(value));
        }
        return Optional.of(value.asText());
    }

    String requiredString(String field) {
        return string(field).orElseThrow(() -> new IllegalArgumentException(path + field + " is missing"));
    }

    /** A string, or a whole number as its digits: for a value the policy writes either way ({@code 10M} or {@code 10485760}). */
    Optional<String> stringOrNumber(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual() && !value.isIntegralNumber()) {
            throw new IllegalArgumentException(path + field + " must be a string or a whole number, not " + kind(value));
        }
        return Optional.of(value.asText());
    }

    boolean bool(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new IllegalArgumentException(path + field + " must be true or false, not " + kind(value));
        }
        return value.asBoolean();
    }

    List<String> strings(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new IllegalArgumentException(path + field + " must be an array of strings, not " + kind(value));
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw new IllegalArgumentException(path + field + " must be an array of strings; it holds " + kind(item));
            }
            items.add(item.asText());
        }
        return items;
    }

    /** The items of an array of objects, each with only the given fields; the array is required, {@code []} for none. */
    List<JsonBody> objects(String field, Set<String> fields) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException(path + field + " is missing: give an array of objects, [] for none");
        }
        if (!value.isArray()) {
            throw new IllegalArgumentException(path + field + " must be an array of objects, not " + kind(value));
        }
        List<JsonBody> items = new ArrayList<>();
        for (int index = 0; index < value.size(); index++) {
            JsonNode item = value.get(index);
            String itemPath = path + field + "[" + index + "]";
            if (!item.isObject()) {
                throw new IllegalArgumentException(itemPath + " must be an object, not " + kind(item));
            }
            items.add(new JsonBody(item, itemPath + ".").withOnly(fields));
        }
        return items;
    }

    static String kind(JsonNode value) {
        JsonNodeType type = value.getNodeType();
        switch (type) {
            case STRING:
                return "a string";
            case NUMBER:
                return "a number";
            case BOOLEAN:
                return "a boolean";
            case ARRAY:
                return "an array";
            case OBJECT:
                return "an object";
            case NULL:
                return "null";
            default:
                return type.name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
