package dev.sparkpipeline.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sparkpipeline.core.intake.IntakeQueue;
import dev.sparkpipeline.core.intake.QueuedFile;
import dev.sparkpipeline.core.json.QueuedFileJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The intake queue and the batcher's SQS event source mapping, on a load run's {@link VirtualTime},
 * as template.yaml sets them: a free poller (at most {@code MaximumConcurrency} invocations at
 * once) gathers visible messages for the batching window, or until it has a full batch, then
 * invokes the batcher with an SQS event; messages the batcher answers as
 * {@code batchItemFailures} stay invisible until the visibility timeout from their receive has
 * passed (or until the batcher's hold ends), then come back; a message received {@code maxReceiveCount} times and failed again goes
 * to the dead-letter queue. Pollers gather one at a time (a simplification: SQS pollers share the
 * visible messages anyway).
 */
final class ModelledIntakeQueue implements IntakeQueue {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The mapping's and queue's settings.
     *
     * @param window         MaximumBatchingWindowInSeconds
     * @param batchSize      BatchSize
     * @param concurrency    ScalingConfig.MaximumConcurrency
     * @param visibility     the queue's VisibilityTimeout
     * @param maxReceives    the redrive policy's maxReceiveCount
     * @param batcherTimeout the batcher's timeout: no invocation holds its poller longer
     */
    record Settings(
            Duration window,
            int batchSize,
            int concurrency,
            Duration visibility,
            int maxReceives,
            Duration batcherTimeout) {

        /** The settings template.yaml gives, parameters at their defaults. */
        static Settings of(StackSettings stack) {
            return new Settings(
                    Duration.ofSeconds(stack.intakeMapping("MaximumBatchingWindowInSeconds")),
                    stack.intakeMapping("BatchSize"),
                    stack.intakeMapping("ScalingConfig", "MaximumConcurrency"),
                    Duration.ofSeconds(stack.number("IntakeQueue", "VisibilityTimeout")),
                    stack.number("IntakeQueue", "RedrivePolicy", "maxReceiveCount"),
                    Duration.ofSeconds(stack.timeoutSeconds("BatcherFunction")));
        }
    }

    /**
     * One batcher invocation, as the load run made it.
     *
     * @param answer the batcher's answer ({@code batchItemFailures}), or null when it failed as a whole
     * @param took   its modelled duration
     */
    record Invoked(byte[] answer, Duration took) {}

    private static final class Message {
        final String id;
        final String body;
        Instant visibleAt;
        int receives;

        Message(String id, String body, Instant visibleAt) {
            this.id = id;
            this.body = body;
            this.visibleAt = visibleAt;
        }
    }

    private final Settings settings;
    private final VirtualTime time;
    private final RequestMeter meter;
    private final Function<byte[], Invoked> batcher;
    private final List<Message> messages = new ArrayList<>();
    private int busy;
    private boolean gathering;
    private long gatherings;
    private int deliveries;
    private int deadLettered;
    private long sent;

    /** @param batcher invokes the batcher function with an SQS event */
    ModelledIntakeQueue(Settings settings, VirtualTime time, RequestMeter meter, Function<byte[], Invoked> batcher) {
        this.settings = settings;
        this.time = time;
        this.meter = meter;
        this.batcher = batcher;
    }

    @Override
    public void send(QueuedFile file) {
        meter.request();
        sent++;
        messages.add(
                new Message("m-" + sent, new String(QueuedFileJson.write(file), StandardCharsets.UTF_8), time.now()));
        // The pollers see the message once the send has returned: never inside the sender's invocation.
        time.at(time.now(), this::poll);
    }

    /** The batcher's hold: the messages stay invisible for {@code duration}, then a poller sees them again. */
    @Override
    public void hold(List<String> handles, Duration duration) {
        for (int from = 0; from < handles.size(); from += 10) {
            meter.request(); // ChangeMessageVisibilityBatch: ten messages a request
        }
        Set<String> held = new HashSet<>(handles);
        Instant visibleAt = time.now().plusSeconds((duration.toMillis() + 999) / 1000);
        for (Message message : messages) {
            if (held.contains(message.id)) {
                message.visibleAt = visibleAt;
            }
        }
        time.at(visibleAt, this::poll);
    }

    /** Batcher invocations so far. */
    int deliveries() {
        return deliveries;
    }

    /** Messages moved to the dead-letter queue. */
    int deadLettered() {
        return deadLettered;
    }

    /** Messages still on the queue. */
    int waiting() {
        return messages.size();
    }

    /** A free poller starts gathering; a poller gathering delivers at once when it has a full batch. */
    private void poll() {
        int visible = visible().size();
        if (visible == 0) {
            return;
        }
        if (gathering) {
            if (visible >= settings.batchSize()) {
                deliver(gatherings);
            }
            return;
        }
        if (busy >= settings.concurrency()) {
            return;
        }
        gathering = true;
        long gathering = ++gatherings;
        time.after(settings.window(), () -> deliver(gathering));
        if (visible >= settings.batchSize()) {
            deliver(gathering);
        }
    }

    private void deliver(long gathering) {
        if (!this.gathering || gathering != gatherings) {
            return;
        }
        this.gathering = false;
        Instant now = time.now();
        List<Message> batch = new ArrayList<>();
        for (Message message : visible()) {
            if (message.receives >= settings.maxReceives()) {
                // SQS moves a message past its maxReceiveCount to the dead-letter queue instead of delivering it.
                messages.remove(message);
                deadLettered++;
                continue;
            }
            if (batch.size() < settings.batchSize()) {
                message.receives++;
                message.visibleAt = now.plus(settings.visibility());
                batch.add(message);
            }
        }
        if (batch.isEmpty()) {
            poll();
            return;
        }
        deliveries++;
        busy++;
        Invoked invoked = batcher.apply(event(batch));
        Set<String> failed = failures(invoked, batch);
        Set<Message> delivered = new HashSet<>(batch);
        messages.removeIf(message -> delivered.contains(message) && !failed.contains(message.id));
        time.after(min(invoked.took(), settings.batcherTimeout()), () -> {
            busy--;
            poll();
        });
        if (!failed.isEmpty()) {
            time.at(now.plus(settings.visibility()), this::poll);
        }
        poll();
    }

    private List<Message> visible() {
        Instant now = time.now();
        List<Message> visible = new ArrayList<>();
        for (Message message : messages) {
            if (!message.visibleAt.isAfter(now)) {
                visible.add(message);
            }
        }
        return visible;
    }

    private static byte[] event(List<Message> batch) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (Message message : batch) {
            ObjectNode record = records.addObject()
                    .put("messageId", message.id)
                    .put("receiptHandle", message.id)
                    .put("eventSource", "aws:sqs")
                    .put("body", message.body);
            record.putObject("attributes").put("ApproximateReceiveCount", String.valueOf(message.receives));
        }
        try {
            return JSON.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The messages to deliver again: the answer's batchItemFailures, or every one when the invocation failed. */
    private static Set<String> failures(Invoked invoked, List<Message> batch) {
        Set<String> failed = new HashSet<>();
        if (invoked.answer() == null) {
            batch.forEach(message -> failed.add(message.id));
            return failed;
        }
        try {
            JsonNode answer = JSON.readTree(invoked.answer());
            answer.path("batchItemFailures")
                    .forEach(item -> failed.add(item.path("itemIdentifier").asText()));
            return failed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
