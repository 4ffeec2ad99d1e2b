package dev.sparkpipeline.local.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sparkpipeline.core.observability.MetricNames;
import dev.sparkpipeline.local.template.SamTemplate;
import dev.sparkpipeline.track.TrackJobFunction;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The template's alarms watch what a user would otherwise find only by looking: each on the
 * metric and resource it names, and each notifying the failure topic.
 */
class TemplateAlarmsTest {

    /** The stack's own namespace, where the functions publish (Globals' POWERTOOLS_METRICS_NAMESPACE). */
    private static final Map<String, Object> STACK_NAMESPACE = Map.of("Fn::Sub", "SparkPipeline/${AWS::StackName}");

    private final SamTemplate template = SamTemplate.read(ProjectFiles.template());
    private final Map<String, Map<String, Object>> resources = template.resources();

    /** An alarm the template must hold: on this metric, dimensioned by this resource (or function). */
    private record Expected(String alarm, Object namespace, String metric, String dimension, Object resource) {
        @Override
        public String toString() {
            return alarm;
        }
    }

    static Stream<Expected> alarms() {
        Map<String, Object> stateMachine = Map.of("Ref", "PipelineStateMachine");
        return Stream.of(
                new Expected(
                        "ExecutionsFailedAlarm", "AWS/States", "ExecutionsFailed", "StateMachineArn", stateMachine),
                new Expected(
                        "ExecutionsTimedOutAlarm", "AWS/States", "ExecutionsTimedOut", "StateMachineArn", stateMachine),
                new Expected(
                        "ExecutionsAbortedAlarm", "AWS/States", "ExecutionsAborted", "StateMachineArn", stateMachine),
                new Expected(
                        "DeadLetterQueueAlarm",
                        "AWS/SQS",
                        "ApproximateNumberOfMessagesVisible",
                        "QueueName",
                        Map.of("Fn::GetAtt", List.of("DeadLetterQueue", "QueueName"))),
                new Expected(
                        "IntakeDeadLetterQueueAlarm",
                        "AWS/SQS",
                        "ApproximateNumberOfMessagesVisible",
                        "QueueName",
                        Map.of("Fn::GetAtt", List.of("IntakeDeadLetterQueue", "QueueName"))),
                new Expected(
                        "IntakeQueueAgeAlarm",
                        "AWS/SQS",
                        "ApproximateAgeOfOldestMessage",
                        "QueueName",
                        Map.of("Fn::GetAtt", List.of("IntakeQueue", "QueueName"))),
                new Expected(
                        "ValidateFunctionErrorsAlarm",
                        "AWS/Lambda",
                        "Errors",
                        "FunctionName",
                        Map.of("Ref", "ValidateFunction")),
                new Expected(
                        "BatcherFunctionErrorsAlarm",
                        "AWS/Lambda",
                        "Errors",
                        "FunctionName",
                        Map.of("Ref", "BatcherFunction")),
                new Expected(
                        "JobNearDeadlineAlarm",
                        STACK_NAMESPACE,
                        MetricNames.JOB_NEAR_DEADLINE,
                        "Function",
                        TrackJobFunction.NAME),
                new Expected(
                        "DailyCostAlarm",
                        STACK_NAMESPACE,
                        MetricNames.ESTIMATED_COST_USD,
                        "Function",
                        TrackJobFunction.NAME));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("alarms")
    void eachAlarmWatchesItsMetricAndNotifiesTheFailureTopic(Expected expected) {
        Map<String, Object> alarm = resources.get(expected.alarm());
        assertThat(alarm).as(expected.alarm()).isNotNull().containsEntry("Type", "AWS::CloudWatch::Alarm");
        Map<String, Object> properties = properties(alarm);

        assertThat(properties)
                .containsEntry("Namespace", expected.namespace())
                .containsEntry("MetricName", expected.metric())
                .containsEntry(
                        "Dimensions", List.of(Map.of("Name", expected.dimension(), "Value", expected.resource())))
                .containsEntry("AlarmActions", List.of(Map.of("Ref", "FailureTopic")))
                .containsEntry("TreatMissingData", "notBreaching");
    }

    @Test
    void theIntakeQueueAgeAlarmFiresOnlyPastTheLongestBatchWait() {
        Map<String, Object> properties = properties(resources.get("IntakeQueueAgeAlarm"));

        // The longest batch.maxWaitSeconds (3600) + the longest batching window (300) + one visibility timeout (180).
        assertThat(((Number) properties.get("Threshold")).intValue()).isGreaterThan(3600 + 300 + 180);
    }

    @Test
    void thePipelinesOwnAlarmsReadTheNamespaceItsFunctionsPublishIn() {
        Object published = mapping(
                        mapping(mapping(mapping(template.root(), "Globals"), "Function"), "Environment"), "Variables")
                .get("POWERTOOLS_METRICS_NAMESPACE");

        assertThat(published).isEqualTo(STACK_NAMESPACE);
        for (String alarm : List.of("JobNearDeadlineAlarm", "DailyCostAlarm")) {
            assertThat(properties(resources.get(alarm)))
                    .as(alarm)
                    .containsEntry("Namespace", published)
                    .extractingByKey("MetricName")
                    .isIn(MetricNames.ALL);
        }
    }

    @Test
    void theNearDeadlineAlarmFiresOnOnePollOfSuchAJobInFiveMinutes() {
        assertThat(properties(resources.get("JobNearDeadlineAlarm")))
                .containsEntry("Statistic", "Sum")
                .containsEntry("Period", 300)
                .containsEntry("EvaluationPeriods", 1)
                .containsEntry("Threshold", 1)
                .containsEntry("ComparisonOperator", "GreaterThanOrEqualToThreshold");
    }

    @Test
    void theCostAlarmComparesADaysEstimatedCostWithTheBudgetParameter() {
        assertThat(properties(resources.get("DailyCostAlarm")))
                .containsEntry("Statistic", "Sum")
                .containsEntry("Period", 86400)
                .containsEntry("EvaluationPeriods", 1)
                .containsEntry("Threshold", Map.of("Ref", "DailyCostBudgetUsd"))
                .containsEntry("ComparisonOperator", "GreaterThanThreshold");
    }

    @Test
    void theDailyBudgetIsANumberParameterWithAPositiveDefault() {
        Map<String, Object> budget = mapping(mapping(template.root(), "Parameters"), "DailyCostBudgetUsd");

        assertThat(budget).containsEntry("Type", "Number");
        assertThat(((Number) budget.get("Default")).doubleValue()).isPositive();
    }

    @SuppressWarnings("unchecked") // the template's sections are YAML mappings
    private static Map<String, Object> mapping(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.get(key);
    }

    @SuppressWarnings("unchecked") // a CloudFormation resource's Properties is a YAML mapping
    private static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }
}
