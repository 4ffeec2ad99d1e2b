package dev.sparkpipeline.aws;

import dev.sparkpipeline.core.observability.EventLog;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Logs every attempt the SDK makes again: service, operation, attempt number and what the attempt
 * before it got (an HTTP status, or no response). A throttled or failing AWS call that the SDK's
 * retries absorb would otherwise leave no trace in the function's logs.
 */
final class RetriedCallLog implements ExecutionInterceptor {

    private static final ExecutionAttribute<Integer> ATTEMPTS = new ExecutionAttribute<>("RetriedCallLog.attempts");
    private static final ExecutionAttribute<Integer> LAST_STATUS =
            new ExecutionAttribute<>("RetriedCallLog.lastStatus");
    private static final int NO_RESPONSE = -1;

    private final EventLog log;

    RetriedCallLog(EventLog log) {
        this.log = log;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        Integer previous = attributes.getAttribute(ATTEMPTS);
        int attempt = previous == null ? 1 : previous + 1;
        attributes.putAttribute(ATTEMPTS, attempt);
        if (attempt > 1) {
            Integer status = attributes.getAttribute(LAST_STATUS);
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("awsService", attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME));
            fields.put("operation", attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
            fields.put("attempt", attempt);
            fields.put("previousAttempt", status == null || status == NO_RESPONSE ? "no response" : "HTTP " + status);
            log.warn("AWS call retried", fields);
        }
        attributes.putAttribute(LAST_STATUS, NO_RESPONSE);
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        attributes.putAttribute(LAST_STATUS, context.httpResponse().statusCode());
    }
}
