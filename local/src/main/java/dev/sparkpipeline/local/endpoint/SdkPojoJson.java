package dev.sparkpipeline.local.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * A state's {@code Parameters} to an SDK request and an SDK response back to the state's result,
 * by the SDK's own field model: member names are the API's (PascalCase), as Step Functions'
 * {@code aws-sdk} integrations use them. Fields the API does not have are refused, as Step
 * Functions refuses them when it validates the definition.
 */
final class SdkPojoJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SdkPojoJson() {}

    /** Fills a request builder (it is an {@link SdkPojo}) from the parameters and builds it. */
    static <T> T request(SdkBuilder<?, T> builder, JsonNode parameters) {
        fill((SdkPojo) builder, parameters);
        return builder.build();
    }

    /** An SDK response (or any SDK object) as the integration's JSON result. */
    static JsonNode result(SdkPojo response) {
        ObjectNode result = JSON.createObjectNode();
        for (SdkField<?> field : response.sdkFields()) {
            Object value = field.getValueOrDefault(response);
            if (value != null) {
                result.set(field.memberName(), toJson(field, value));
            }
        }
        return result;
    }

    private static void fill(SdkPojo builder, JsonNode parameters) {
        Map<String, SdkField<?>> fields = new LinkedHashMap<>();
        builder.sdkFields().forEach(field -> fields.put(field.memberName(), field));
        parameters.fields().forEachRemaining(entry -> {
            SdkField<?> field = fields.get(entry.getKey());
            if (field == null) {
                throw new IllegalArgumentException("no field " + entry.getKey() + " in " + fields.keySet());
            }
            field.set(builder, fromJson(field, entry.getValue()));
        });
    }

    private static Object fromJson(SdkField<?> field, JsonNode value) {
        MarshallingType<?> type = field.marshallingType();
        if (value.isNull()) {
            return null;
        }
        if (type == MarshallingType.STRING) {
            return value.isTextual() ? value.asText() : value.toString();
        }
        if (type == MarshallingType.INTEGER) {
            return value.asInt();
        }
        if (type == MarshallingType.LONG) {
            return value.asLong();
        }
        if (type == MarshallingType.DOUBLE) {
            return value.asDouble();
        }
        if (type == MarshallingType.FLOAT) {
            return (float) value.asDouble();
        }
        if (type == MarshallingType.BOOLEAN) {
            return value.asBoolean();
        }
        if (type == MarshallingType.INSTANT) {
            return value.isNumber()
                    ? Instant.ofEpochMilli((long) (value.asDouble() * 1000))
                    : Instant.parse(value.asText());
        }
        if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
            List<Object> list = new ArrayList<>();
            value.forEach(element -> list.add(fromJson(member, element)));
            return list;
        }
        if (type == MarshallingType.MAP) {
            SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
            Map<String, Object> map = new LinkedHashMap<>();
            value.fields().forEachRemaining(entry -> map.put(entry.getKey(), fromJson(member, entry.getValue())));
            return map;
        }
        if (type == MarshallingType.SDK_POJO) {
            SdkPojo nested = field.constructor().get();
            fill(nested, value);
            return ((SdkBuilder<?, ?>) nested).build();
        }
        throw new IllegalArgumentException(field.memberName() + ": the local runner does not convert " + type);
    }

    private static JsonNode toJson(SdkField<?> field, Object value) {
        if (value instanceof SdkPojo pojo) {
            return result(pojo);
        }
        if (value instanceof Collection<?> list) {
            SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
            ArrayNode array = JSON.createArrayNode();
            list.forEach(element -> array.add(toJson(member, element)));
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
            ObjectNode object = JSON.createObjectNode();
            map.forEach((key, element) -> object.set(String.valueOf(key), toJson(member, element)));
            return object;
        }
        if (value instanceof Instant instant) {
            return JSON.getNodeFactory().numberNode(instant.toEpochMilli() / 1000.0);
        }
        return JSON.valueToTree(value);
    }
}
