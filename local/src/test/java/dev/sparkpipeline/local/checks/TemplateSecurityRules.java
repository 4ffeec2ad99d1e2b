package dev.sparkpipeline.local.checks;

import dev.sparkpipeline.local.template.SamTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Least privilege and safe defaults over {@code template.yaml}, as findings (one line each): no
 * {@code Action: "*"}; {@code Resource: "*"} only for actions AWS gives no narrower resource
 * ({@link #UNSCOPED_ACTIONS}, each with its reason); {@code iam:PassRole} only with
 * {@code iam:PassedToService}; every bucket with Block Public Access, default encryption,
 * versioning and a TLS-only policy; every state machine with logging and tracing; every function
 * with a log group that has a retention.
 */
final class TemplateSecurityRules {

    /** Actions that take no resource ARN, so only {@code Resource: "*"} grants them. */
    static final Map<String, String> UNSCOPED_ACTIONS = Map.ofEntries(
            Map.entry("elasticmapreduce:ListClusters", "lists clusters; acts on no resource"),
            Map.entry("logs:CreateLogDelivery", "Step Functions log delivery: the delivery APIs take no resource ARN"),
            Map.entry("logs:GetLogDelivery", "Step Functions log delivery"),
            Map.entry("logs:UpdateLogDelivery", "Step Functions log delivery"),
            Map.entry("logs:DeleteLogDelivery", "Step Functions log delivery"),
            Map.entry("logs:ListLogDeliveries", "Step Functions log delivery"),
            Map.entry("logs:PutResourcePolicy", "Step Functions log delivery"),
            Map.entry("logs:DescribeResourcePolicies", "Step Functions log delivery"),
            Map.entry("logs:DescribeLogGroups", "Step Functions log delivery"),
            Map.entry("xray:PutTraceSegments", "X-Ray has no resource-level permissions"),
            Map.entry("xray:PutTelemetryRecords", "X-Ray has no resource-level permissions"),
            Map.entry("xray:GetSamplingRules", "X-Ray has no resource-level permissions"),
            Map.entry("xray:GetSamplingTargets", "X-Ray has no resource-level permissions"));

    private static final Set<String> BLOCK_PUBLIC_ACCESS =
            Set.of("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets");

    private TemplateSecurityRules() {}

    static List<String> findings(SamTemplate template) {
        Review review = new Review(template.resources(), new ArrayList<>());
        review.resources().forEach((id, resource) -> {
            String type = String.valueOf(resource.get("Type"));
            Map<String, Object> properties = map(resource.get("Properties"));
            for (Map<String, Object> statement : statements(type, properties)) {
                review.policy(id, statement);
            }
            switch (type) {
                case "AWS::S3::Bucket" -> review.bucket(id, properties);
                case "AWS::Serverless::StateMachine", "AWS::StepFunctions::StateMachine" ->
                    review.stateMachine(id, properties);
                case "AWS::Serverless::Function" -> review.function(id, properties);
                default -> {}
            }
        });
        return review.findings();
    }

    /**
     * One pass of the rules over a template: its resources (a bucket's policy and a function's log
     * group are resources of their own) and the findings so far, which each rule adds to.
     */
    private record Review(Map<String, Map<String, Object>> resources, List<String> findings) {

        void policy(String id, Map<String, Object> statement) {
            if (!"Allow".equals(statement.get("Effect"))) {
                return;
            }
            List<Object> actions = list(statement.get("Action"));
            String sid = id + "/" + statement.getOrDefault("Sid", "(no Sid)");
            if (actions.contains("*")) {
                findings.add(sid + ": Action \"*\"");
            }
            if (list(statement.get("Resource")).contains("*")) {
                for (Object action : actions) {
                    if (!UNSCOPED_ACTIONS.containsKey(String.valueOf(action))) {
                        findings.add(sid + ": Resource \"*\" for " + action + ", which AWS lets a policy scope");
                    }
                }
            }
            if (actions.stream()
                    .anyMatch(action -> String.valueOf(action).equals("iam:PassRole")
                            || String.valueOf(action).equals("iam:*"))) {
                Map<String, Object> equals = map(map(statement.get("Condition")).get("StringEquals"));
                if (!equals.containsKey("iam:PassedToService")) {
                    findings.add(sid + ": iam:PassRole without an iam:PassedToService condition");
                }
            }
        }

        void bucket(String id, Map<String, Object> properties) {
            Map<String, Object> blocks = map(properties.get("PublicAccessBlockConfiguration"));
            for (String block : BLOCK_PUBLIC_ACCESS) {
                if (!Boolean.TRUE.equals(blocks.get(block))) {
                    findings.add(id + ": Block Public Access without " + block);
                }
            }
            if (list(map(properties.get("BucketEncryption")).get("ServerSideEncryptionConfiguration"))
                    .isEmpty()) {
                findings.add(id + ": no default encryption");
            }
            if (!"Enabled".equals(map(properties.get("VersioningConfiguration")).get("Status"))) {
                findings.add(id + ": versioning not enabled");
            }
            boolean tlsOnly = resources.values().stream()
                    .filter(resource -> "AWS::S3::BucketPolicy".equals(resource.get("Type")))
                    .map(resource -> map(resource.get("Properties")))
                    .filter(policy -> Map.of("Ref", id).equals(policy.get("Bucket")))
                    .flatMap(policy -> statements(map(policy.get("PolicyDocument"))).stream())
                    .anyMatch(statement -> "Deny".equals(statement.get("Effect"))
                            && "false"
                                    .equals(String.valueOf(
                                            map(map(statement.get("Condition")).get("Bool"))
                                                    .get("aws:SecureTransport"))));
            if (!tlsOnly) {
                findings.add(id + ": no bucket policy denying requests without TLS (aws:SecureTransport false)");
            }
        }

        void stateMachine(String id, Map<String, Object> properties) {
            Map<String, Object> logging =
                    map(properties.getOrDefault("Logging", properties.get("LoggingConfiguration")));
            if (logging.isEmpty()
                    || "OFF".equals(logging.get("Level"))
                    || list(logging.get("Destinations")).isEmpty()) {
                findings.add(id + ": state machine without logging to a log group");
            }
            Map<String, Object> tracing =
                    map(properties.getOrDefault("Tracing", properties.get("TracingConfiguration")));
            if (!Boolean.TRUE.equals(tracing.get("Enabled"))) {
                findings.add(id + ": state machine without X-Ray tracing");
            }
        }

        void function(String id, Map<String, Object> properties) {
            Object logGroup = map(properties.get("LoggingConfig")).get("LogGroup");
            String logGroupId = logGroup instanceof Map<?, ?> ref ? String.valueOf(ref.get("Ref")) : null;
            Map<String, Object> group =
                    logGroupId == null ? Map.of() : map(resources.getOrDefault(logGroupId, Map.of()));
            if (!"AWS::Logs::LogGroup".equals(group.get("Type"))
                    || !map(group.get("Properties")).containsKey("RetentionInDays")) {
                findings.add(id + ": function without a log group of the template with a retention");
            }
        }
    }

    /** The policy statements a resource grants: IAM policies and the Statement entries of SAM Policies. */
    private static List<Map<String, Object>> statements(String type, Map<String, Object> properties) {
        List<Map<String, Object>> statements = new ArrayList<>();
        switch (type) {
            case "AWS::IAM::Role" ->
                list(properties.get("Policies"))
                        .forEach(policy ->
                                statements.addAll(statements(map(map(policy).get("PolicyDocument")))));
            case "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy" ->
                statements.addAll(statements(map(properties.get("PolicyDocument"))));
            case "AWS::Serverless::Function", "AWS::Serverless::StateMachine" ->
                list(properties.get("Policies")).forEach(policy -> statements.addAll(statements(map(policy))));
            default -> {}
        }
        return statements;
    }

    private static List<Map<String, Object>> statements(Map<String, Object> document) {
        List<Map<String, Object>> statements = new ArrayList<>();
        list(document.get("Statement")).forEach(statement -> statements.add(map(statement)));
        return statements;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> list ? (List<Object>) list : List.of(value);
    }
}
