package dev.sparkpipeline.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;

/**
 * The {@code States.*} intrinsic functions: parses a call such as
 * {@code States.Format('{}-{}', $.a, States.Array(1, 2))} and evaluates it. Arguments are string
 * literals in single quotes (with {@code \\'} escapes), numbers, booleans, null, paths into the
 * input ({@code $...}) or the context object ({@code $$...}), and nested calls.
 */
final class Intrinsics {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String text;
    private final Function<String, JsonNode> paths;
    private final Random random;
    private int at;

    private Intrinsics(String text, Function<String, JsonNode> paths, Random random) {
        this.text = text;
        this.paths = paths;
        this.random = random;
    }

    static boolean isCall(String expression) {
        return expression.startsWith("States.");
    }

    /** Evaluates a call; {@code paths} resolves {@code $...} and {@code $$...} arguments. */
    static JsonNode evaluate(String expression, Function<String, JsonNode> paths, Random random) {
        var parser = new Intrinsics(expression.strip(), paths, random);
        JsonNode value = parser.call();
        parser.skipSpace();
        if (parser.at != parser.text.length()) {
            throw failure("unexpected text after the call in " + expression);
        }
        return value;
    }

    private JsonNode call() {
        int start = at;
        while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '.')) {
            at++;
        }
        String name = text.substring(start, at);
        expect('(');
        List<JsonNode> args = new ArrayList<>();
        skipSpace();
        if (peek() != ')') {
            do {
                skipSpace();
                args.add(argument());
                skipSpace();
            } while (consume(','));
        }
        expect(')');
        return apply(name, args);
    }

    private JsonNode argument() {
        char c = peek();
        if (c == '\'') {
            return TextNode.valueOf(stringLiteral());
        }
        if (c == '$') {
            int start = at;
            int depth = 0;
            while (at < text.length()) {
                char ch = text.charAt(at);
                if (ch == '[' || ch == '(') {
                    depth++;
                } else if (ch == ']' || ch == ')') {
                    if (depth == 0) {
                        break;
                    }
                    depth--;
                } else if (ch == ',' && depth == 0) {
                    break;
                }
                at++;
            }
            return paths.apply(text.substring(start, at).strip());
        }
        if (text.startsWith("States.", at)) {
            return call();
        }
        int start = at;
        while (at < text.length() && text.charAt(at) != ',' && text.charAt(at) != ')') {
            at++;
        }
        String literal = text.substring(start, at).strip();
        try {
            return JSON.readTree(literal);
        } catch (Exception e) {
            throw failure("cannot read the argument " + literal);
        }
    }

    private String stringLiteral() {
        expect('\'');
        StringBuilder value = new StringBuilder();
        while (at < text.length() && text.charAt(at) != '\'') {
            char c = text.charAt(at++);
            if (c == '\\' && at < text.length()) {
                value.append(text.charAt(at++));
            } else {
                value.append(c);
            }
        }
        expect('\'');
        return value.toString();
    }

    private JsonNode apply(String name, List<JsonNode> args) {
        return switch (name) {
            case "States.Format" -> format(args);
            case "States.StringToJson" -> parse(text(args, 0));
            case "States.JsonToString" -> TextNode.valueOf(args.get(0).toString());
            case "States.Array" -> NODES.arrayNode().addAll(args);
            case "States.ArrayPartition" ->
                partition(array(args, 0), args.get(1).asInt());
            case "States.ArrayContains" -> NODES.booleanNode(contains(array(args, 0), args.get(1)));
            case "States.ArrayRange" ->
                range(args.get(0).asInt(), args.get(1).asInt(), args.get(2).asInt());
            case "States.ArrayGetItem" -> item(array(args, 0), args.get(1).asInt());
            case "States.ArrayLength" -> NODES.numberNode(array(args, 0).size());
            case "States.ArrayUnique" -> unique(array(args, 0));
            case "States.Base64Encode" ->
                TextNode.valueOf(
                        Base64.getEncoder().encodeToString(text(args, 0).getBytes(StandardCharsets.UTF_8)));
            case "States.Base64Decode" ->
                TextNode.valueOf(new String(Base64.getDecoder().decode(text(args, 0)), StandardCharsets.UTF_8));
            case "States.Hash" -> TextNode.valueOf(hash(text(args, 0), text(args, 1)));
            case "States.JsonMerge" ->
                merge(args.get(0), args.get(1), args.size() > 2 && args.get(2).asBoolean());
            case "States.MathRandom" ->
                NODES.numberNode(args.get(0).asInt()
                        + random.nextInt(
                                Math.max(1, args.get(1).asInt() - args.get(0).asInt())));
            case "States.MathAdd" ->
                NODES.numberNode(new BigDecimal(args.get(0).asText())
                        .add(new BigDecimal(args.get(1).asText()))
                        .intValueExact());
            case "States.StringSplit" -> split(text(args, 0), text(args, 1));
            case "States.UUID" -> TextNode.valueOf(new UUID(random.nextLong(), random.nextLong()).toString());
            default -> throw failure("unknown intrinsic function " + name);
        };
    }

    private static JsonNode format(List<JsonNode> args) {
        String template = args.get(0).asText();
        StringBuilder out = new StringBuilder();
        int next = 1;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '\\' && i + 1 < template.length()) {
                out.append(template.charAt(++i));
            } else if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
                if (next >= args.size()) {
                    throw failure("States.Format has more {} than arguments");
                }
                JsonNode value = args.get(next++);
                out.append(value.isValueNode() ? value.asText() : value.toString());
                i++;
            } else {
                out.append(c);
            }
        }
        if (next != args.size()) {
            throw failure("States.Format has more arguments than {}");
        }
        return TextNode.valueOf(out.toString());
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw failure("States.StringToJson: not JSON");
        }
    }

    private static JsonNode partition(ArrayNode array, int size) {
        if (size <= 0) {
            throw failure("States.ArrayPartition needs a positive chunk size");
        }
        ArrayNode chunks = NODES.arrayNode();
        for (int i = 0; i < array.size(); i += size) {
            ArrayNode chunk = chunks.addArray();
            for (int j = i; j < Math.min(array.size(), i + size); j++) {
                chunk.add(array.get(j));
            }
        }
        return chunks;
    }

    private static boolean contains(ArrayNode array, JsonNode value) {
        for (JsonNode item : array) {
            if (item.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode range(int first, int last, int step) {
        if (step == 0) {
            throw failure("States.ArrayRange needs a non-zero step");
        }
        ArrayNode values = NODES.arrayNode();
        for (int i = first; step > 0 ? i <= last : i >= last; i += step) {
            values.add(i);
            if (values.size() > 1000) {
                throw failure("States.ArrayRange makes at most 1000 items");
            }
        }
        return values;
    }

    private static JsonNode item(ArrayNode array, int index) {
        if (index < 0 || index >= array.size()) {
            throw failure("States.ArrayGetItem index " + index + " is out of bounds");
        }
        return array.get(index);
    }

    private static JsonNode unique(ArrayNode array) {
        LinkedHashSet<JsonNode> seen = new LinkedHashSet<>();
        array.forEach(seen::add);
        return NODES.arrayNode().addAll(seen);
    }

    private static String hash(String data, String algorithm) {
        String java = switch (algorithm.toUpperCase(Locale.ROOT)) {
            case "MD5" -> "MD5";
            case "SHA-1" -> "SHA-1";
            case "SHA-256" -> "SHA-256";
            case "SHA-384" -> "SHA-384";
            case "SHA-512" -> "SHA-512";
            default -> throw failure("States.Hash does not know " + algorithm);
        };
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance(java).digest(data.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw failure("States.Hash: " + e.getMessage());
        }
    }

    private static JsonNode merge(JsonNode left, JsonNode right, boolean deep) {
        if (!left.isObject() || !right.isObject()) {
            throw failure("States.JsonMerge merges two objects");
        }
        if (deep) {
            throw failure("States.JsonMerge supports shallow merges only (the third argument must be false)");
        }
        ObjectNode merged = ((ObjectNode) left).deepCopy();
        merged.setAll((ObjectNode) right.deepCopy());
        return merged;
    }

    private static JsonNode split(String value, String delimiters) {
        ArrayNode parts = NODES.arrayNode();
        StringBuilder part = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (delimiters.indexOf(c) >= 0) {
                if (!part.isEmpty()) {
                    parts.add(part.toString());
                }
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        if (!part.isEmpty()) {
            parts.add(part.toString());
        }
        return parts;
    }

    private static ArrayNode array(List<JsonNode> args, int index) {
        if (index >= args.size() || !args.get(index).isArray()) {
            throw failure("argument " + (index + 1) + " must be an array");
        }
        return (ArrayNode) args.get(index);
    }

    private static String text(List<JsonNode> args, int index) {
        if (index >= args.size() || !args.get(index).isTextual()) {
            throw failure("argument " + (index + 1) + " must be a string");
        }
        return args.get(index).asText();
    }

    private void expect(char c) {
        skipSpace();
        if (at >= text.length() || text.charAt(at) != c) {
            throw failure("expected '" + c + "' at position " + at + " of " + text);
        }
        at++;
    }

    private boolean consume(char c) {
        skipSpace();
        if (at < text.length() && text.charAt(at) == c) {
            at++;
            return true;
        }
        return false;
    }

    private char peek() {
        skipSpace();
        return at < text.length() ? text.charAt(at) : '\0';
    }

    private void skipSpace() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private static StatesError failure(String message) {
        return new StatesError(StatesError.INTRINSIC_FAILURE, message);
    }
}
