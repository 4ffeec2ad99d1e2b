package dev.sparkpipeline.core.json;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.sparkpipeline.core.error.InvalidInput;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON object read strictly: every accessor names the field's full path in the
 * {@link InvalidInput} it throws, so a malformed event says exactly what is wrong.
 *
 * @param path   where this object sits in the document ("" for the root)
 * @param fields its fields
 */
public record JsonObject(String path, Map<String, Object> fields) {

    /** Parses a document whose root must be an object. */
    public static JsonObject parse(byte[] json) {
        try {
            Object root = JSON.std.anyFrom(json);
            if (root instanceof Map<?, ?> map) {
                return new JsonObject("", cast(map));
            }
        } catch (IOException | RuntimeException e) {
            throw new InvalidInput("the event is not valid JSON");
        }
        throw new InvalidInput("the event must be a JSON object");
    }

    /** Writes a map (of maps, lists, strings, numbers, booleans and nulls) as JSON, nulls included. */
    public static byte[] write(Map<String, ?> document) {
        try {
            return JSON.std.with(JSON.Feature.WRITE_NULL_PROPERTIES).asBytes(document);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    public boolean has(String field) {
        return fields.get(field) != null;
    }

    public String string(String field) {
        String value = optionalString(field);
        if (value == null) {
            throw missing(field, "a string");
        }
        return value;
    }

    public String optionalString(String field) {
        Object value = fields.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw wrong(field, "a string");
        }
        return text;
    }

    public long number(String field) {
        Object value = fields.get(field);
        if (value == null) {
            throw missing(field, "a number");
        }
        if (!(value instanceof Number number)) {
            throw wrong(field, "a number");
        }
        return number.longValue();
    }

    public long number(String field, long fallback) {
        return fields.get(field) == null ? fallback : number(field);
    }

    public Double optionalDecimal(String field) {
        Object value = fields.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Number number)) {
            throw wrong(field, "a number");
        }
        return number.doubleValue();
    }

    public boolean bool(String field, boolean fallback) {
        Object value = fields.get(field);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Boolean flag)) {
            throw wrong(field, "true or false");
        }
        return flag;
    }

    public JsonObject object(String field) {
        JsonObject value = optionalObject(field);
        if (value == null) {
            throw missing(field, "an object");
        }
        return value;
    }

    public JsonObject optionalObject(String field) {
        Object value = fields.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw wrong(field, "an object");
        }
        return new JsonObject(pathOf(field), cast(map));
    }

    /** An object of strings (job arguments, links); absent is empty. */
    public Map<String, String> strings(String field) {
        JsonObject object = optionalObject(field);
        Map<String, String> values = new LinkedHashMap<>();
        if (object != null) {
            object.fields().forEach((name, value) -> values.put(name, object.string(name)));
        }
        return values;
    }

    /** An object of numbers (resource usage); absent is empty. */
    public Map<String, Double> decimals(String field) {
        JsonObject object = optionalObject(field);
        Map<String, Double> values = new LinkedHashMap<>();
        if (object != null) {
            object.fields().forEach((name, value) -> values.put(name, object.optionalDecimal(name)));
        }
        return values;
    }

    public List<Object> list(String field) {
        Object value = fields.get(field);
        if (!(value instanceof List<?> list)) {
            throw value == null ? missing(field, "a list") : wrong(field, "a list");
        }
        return List.copyOf(list);
    }

    private String pathOf(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private InvalidInput missing(String field, String kind) {
        return new InvalidInput(pathOf(field) + " is required and must be " + kind);
    }

    private InvalidInput wrong(String field, String kind) {
        return new InvalidInput(pathOf(field) + " must be " + kind);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
