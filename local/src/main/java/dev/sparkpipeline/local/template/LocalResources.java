package dev.sparkpipeline.local.template;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The template's references resolved as CloudFormation would, to local names: parameters to
 * their defaults, buckets to the lake's folders ({@code LandingBucket} is {@code landing-bucket}),
 * queues to local queue URLs and ARNs ({@code IntakeQueue} is the lake's {@code _queues/intake/}),
 * function aliases to local Lambda ARNs, pseudo parameters to local values, anything else to
 * {@code local-<LogicalId>}.
 */
public final class LocalResources {

    private static final Pattern SUB = Pattern.compile("\\$\\{([^}]+)}");
    private static final String STACK = "spark-pipeline-local";
    private static final String QUEUE = "AWS::SQS::Queue";
    private static final String QUEUE_URLS = "https://sqs.local.amazonaws.com/000000000000/";
    private static final String QUEUE_ARNS = "arn:aws:sqs:local:000000000000:";

    private final SamTemplate template;
    private final Map<String, String> physical;

    public LocalResources(SamTemplate template) {
        this(template, Map.of());
    }

    /**
     * @param physical names that replace the local ones, by {@code Ref} name or {@code Fn::GetAtt}
     *                 {@code LogicalId.Attribute}: the resources the endpoint mode created
     */
    public LocalResources(SamTemplate template, Map<String, String> physical) {
        this.template = template;
        this.physical = Map.copyOf(physical);
    }

    /** A function's environment variables, resolved. */
    public Map<String, String> environment(SamFunction function) {
        Map<String, String> environment = new TreeMap<>();
        function.environment().forEach((name, value) -> environment.put(name, resolve(value)));
        return environment;
    }

    /** The template's state machine definition with its placeholders resolved, as CloudFormation would, to local names. */
    public String stateMachineDefinition() {
        SamStateMachine stateMachine = template.stateMachine();
        Map<String, String> values = new TreeMap<>();
        stateMachine.substitutions().forEach((name, value) -> values.put(name, resolve(value)));
        return stateMachine.substitute(values);
    }

    /**
     * A template value (text, number, {@code Ref}, {@code Fn::Sub}, {@code Fn::GetAtt}, {@code Fn::If} on a
     * condition of the parameters' defaults) as local text.
     */
    @SuppressWarnings("unchecked")
    public String resolve(Object value) {
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        if (!(value instanceof Map)) {
            throw new IllegalStateException("the local runner cannot resolve " + value);
        }
        Map<String, Object> intrinsic = (Map<String, Object>) value;
        if (intrinsic.containsKey("Ref")) {
            return ref(String.valueOf(intrinsic.get("Ref")));
        }
        if (intrinsic.containsKey("Fn::Sub")) {
            Object sub = intrinsic.get("Fn::Sub");
            String text = sub instanceof String s ? s : String.valueOf(((List<Object>) sub).get(0));
            Matcher matcher = SUB.matcher(text);
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                matcher.appendReplacement(out, Matcher.quoteReplacement(ref(matcher.group(1))));
            }
            return matcher.appendTail(out).toString();
        }
        if (intrinsic.containsKey("Fn::If")) {
            List<Object> choice = (List<Object>) intrinsic.get("Fn::If");
            return resolve(holds(String.valueOf(choice.get(0))) ? choice.get(1) : choice.get(2));
        }
        if (intrinsic.containsKey("Fn::GetAtt")) {
            List<String> attribute = (List<String>) intrinsic.get("Fn::GetAtt");
            String name = String.join(".", attribute);
            if (physical.containsKey(name)) {
                return physical.get(name);
            }
            return isQueue(attribute.get(0)) && attribute.get(1).equals("Arn")
                    ? QUEUE_ARNS + queueName(attribute.get(0))
                    : "local-" + String.join("-", attribute);
        }
        throw new IllegalStateException("the local runner cannot resolve " + value);
    }

    /** Whether the template's condition of this name holds, its parameters at their defaults. */
    public boolean holds(String condition) {
        Map<String, Object> conditions = SamTemplate.cast(template.root().getOrDefault("Conditions", Map.of()));
        if (!conditions.containsKey(condition)) {
            throw new IllegalStateException("the template has no condition " + condition);
        }
        return evaluate(conditions.get(condition));
    }

    @SuppressWarnings("unchecked")
    private boolean evaluate(Object expression) {
        Map<String, Object> function = SamTemplate.cast(expression);
        if (function.containsKey("Condition")) {
            return holds(String.valueOf(function.get("Condition")));
        }
        if (function.containsKey("Fn::Not")) {
            return !evaluate(((List<Object>) function.get("Fn::Not")).get(0));
        }
        if (function.containsKey("Fn::Equals")) {
            List<Object> sides = (List<Object>) function.get("Fn::Equals");
            return resolve(sides.get(0)).equals(resolve(sides.get(1)));
        }
        if (function.containsKey("Fn::Or")) {
            return ((List<Object>) function.get("Fn::Or")).stream().anyMatch(this::evaluate);
        }
        if (function.containsKey("Fn::And")) {
            return ((List<Object>) function.get("Fn::And")).stream().allMatch(this::evaluate);
        }
        throw new IllegalStateException("the local runner cannot evaluate the condition " + expression);
    }

    /** A {@code Ref}: a parameter's default, a function alias's ARN, a bucket's local name, or a local name. */
    public String ref(String name) {
        if (physical.containsKey(name)) {
            return physical.get(name);
        }
        if (name.equals("AWS::StackName")) {
            return STACK;
        }
        if (name.startsWith("AWS::")) {
            return name.equals("AWS::Region") ? "local" : name.equals("AWS::AccountId") ? "000000000000" : "aws";
        }
        if (name.endsWith(".Alias")) {
            return "arn:aws:lambda:local:000000000000:function:" + name.substring(0, name.length() - ".Alias".length())
                    + ":live";
        }
        Map<String, Object> parameters = SamTemplate.cast(template.root().getOrDefault("Parameters", Map.of()));
        if (parameters.containsKey(name)) {
            Object fallback =
                    SamTemplate.<Map<String, Object>>cast(parameters.get(name)).get("Default");
            return fallback == null ? "" : String.valueOf(fallback);
        }
        Map<String, Object> resource = template.resources().get(name);
        if (resource != null && "AWS::S3::Bucket".equals(resource.get("Type"))) {
            return kebab(name);
        }
        if (isQueue(name)) {
            return QUEUE_URLS + queueName(name);
        }
        return "local-" + name;
    }

    private boolean isQueue(String logicalId) {
        Map<String, Object> resource = template.resources().get(logicalId);
        return resource != null && QUEUE.equals(resource.get("Type"));
    }

    /** {@code IntakeQueue} is {@code intake}: the name of its folder under the lake's {@code _queues/}. */
    private static String queueName(String logicalId) {
        return kebab(logicalId).replaceFirst("-queue$", "");
    }

    private static String kebab(String logicalId) {
        return logicalId.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
