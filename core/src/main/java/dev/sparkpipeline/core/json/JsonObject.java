package dev.sparkpipeline.core.json;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.sparkpipeline.core.contract.Engine;
import dev.sparkpipeline.core.error.InvalidInput;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

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

    /**
     * Writes a map (of maps, lists, strings, numbers, booleans and nulls) as JSON, nulls included:
     * the state machine's paths fail on a field that is absent, so its documents keep their nulls.
     */
    public static byte[] write(Map<String, ?> document) {
        return write(JSON.std.with(JSON.Feature.WRITE_NULL_PROPERTIES), document);
    }

    /**
     * Writes a map as JSON leaving out the fields (of every nested map) whose value is null: the
     * documents people and the local runner read (the manifest, the validate answer) say only what is known.
     */
    public static byte[] writeWithoutNulls(Map<String, ?> document) {
        return write(JSON.std.without(JSON.Feature.WRITE_NULL_PROPERTIES), document);
    }

    private static byte[] write(JSON json, Map<String, ?> document) {
        try {
            return json.asBytes(document);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    public boolean has(String field) {
        return fields.get(field) != null;
    }

    public String string(String field) {
        return required(field, optionalString(field), "a string");
    }

    public String optionalString(String field) {
        return optional(field, String.class, "a string");
    }

    public long number(String field) {
        return required(field, optional(field, Number.class, "a number"), "a number")
                .longValue();
    }

    public long number(String field, long fallback) {
        return fields.get(field) == null ? fallback : number(field);
    }

    public Double optionalDecimal(String field) {
        Number number = optional(field, Number.class, "a number");
        return number == null ? null : number.doubleValue();
    }

    public boolean bool(String field, boolean fallback) {
        Boolean flag = optional(field, Boolean.class, "true or false");
        return flag == null ? fallback : flag;
    }

    /** An enum constant named by a string field, or null when the field is absent. */
    public <E extends Enum<E>> E optionalEnum(String field, Class<E> type) {
        String name = optionalString(field);
        if (name == null) {
            return null;
        }
        E[] constants = type.getEnumConstants();
        return Arrays.stream(constants)
                .filter(constant -> constant.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new InvalidInput(pathOf(field) + " must be one of " + Arrays.toString(constants)));
    }

    /** An enum constant named by a string field that must be there. */
    public <E extends Enum<E>> E enumValue(String field, Class<E> type) {
        return required(field, optionalEnum(field, type), "a string");
    }

    /** A known engine named by a string field, or null when the field is absent. */
    public Engine optionalEngine(String field) {
        String name = optionalString(field);
        return name == null ? null : Engine.of(name, pathOf(field));
    }

    /** A known engine named by a string field that must be there. */
    public Engine engine(String field) {
        return required(field, optionalEngine(field), "a string");
    }

    /** An ISO-8601 instant ({@code 2026-11-22T08:15:30Z}), or null when the field is absent. */
    public Instant optionalInstant(String field) {
        String text = optionalString(field);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidInput(pathOf(field) + " must be an ISO-8601 instant such as 2026-11-22T08:15:30Z");
        }
    }

    public JsonObject object(String field) {
        return required(field, optionalObject(field), "an object");
    }

    public JsonObject optionalObject(String field) {
        Map<?, ?> map = optional(field, Map.class, "an object");
        return map == null ? null : new JsonObject(pathOf(field), cast(map));
    }

    /** An object of strings (job arguments, links); absent is empty. */
    public Map<String, String> strings(String field) {
        return values(field, JsonObject::string);
    }

    /** An object of numbers (resource usage); absent is empty. */
    public Map<String, Double> decimals(String field) {
        return values(field, JsonObject::optionalDecimal);
    }

    /** A list of strings that must be there. */
    public List<String> stringList(String field) {
        List<?> list = rawList(field);
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String text)) {
                throw new InvalidInput(pathOf(field) + "[" + i + "] must be a string");
            }
            strings.add(text);
        }
        return strings;
    }

    /** A list of strings; absent is empty. */
    public List<String> optionalStringList(String field) {
        return fields.get(field) == null ? List.of() : stringList(field);
    }

    /** A list of objects that must be there, each knowing its path ({@code files[0]}). */
    public List<JsonObject> objectList(String field) {
        List<?> list = rawList(field);
        List<JsonObject> objects = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> map)) {
                throw new InvalidInput(pathOf(field) + "[" + i + "] must be an object");
            }
            objects.add(new JsonObject(pathOf(field) + "[" + i + "]", cast(map)));
        }
        return objects;
    }

    /** A list of objects; absent is empty. */
    public List<JsonObject> optionalObjectList(String field) {
        return fields.get(field) == null ? List.of() : objectList(field);
    }

    /** The field's value as a {@code type}, or null when it is absent or null; {@code kind} names the type for people. */
    private <T> T optional(String field, Class<T> type, String kind) {
        Object value = fields.get(field);
        if (value != null && !type.isInstance(value)) {
            throw wrong(field, kind);
        }
        return type.cast(value);
    }

    /** The values of an object, in its order, each read by {@code read} so that its path is named; absent is empty. */
    private <V> Map<String, V> values(String field, BiFunction<JsonObject, String, V> read) {
        JsonObject object = optionalObject(field);
        Map<String, V> values = new LinkedHashMap<>();
        if (object != null) {
            object.fields().keySet().forEach(name -> values.put(name, read.apply(object, name)));
        }
        return values;
    }

    /** {@code value}, read from {@code field}, which must be there. */
    private <T> T required(String field, T value, String kind) {
        if (value == null) {
            throw missing(field, kind);
        }
        return value;
    }

    private List<?> rawList(String field) {
        return required(field, optional(field, List.class, "a list"), "a list");
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
