package io.atelier.webhooks;

import io.atelier.model.Ids;
import io.atelier.model.Job;
import io.atelier.model.JobStatus;
import io.atelier.model.TaskStatus;
import io.atelier.outbound.GuardedHttp;
import io.atelier.outbound.UnsafeUrlException;
import io.atelier.outbound.UrlGuard;
import io.atelier.store.DeliveryStatus;
import io.atelier.store.JobStore;
import io.atelier.store.WebhookDelivery;
import io.atelier.store.WebhookEndpoint;
import io.atelier.store.WebhookMessage;
import io.atelier.store.WebhookQueue;
import io.atelier.store.WebhookStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The webhook queue's consumer. A reported transition becomes at most two deliveries (the task's event, and the job's
 * if the job has ended) for the endpoint the job names or the owner's default, each with an id derived from the event
 * so a repeated report sends nothing twice. A delivery is attempted at once; a failed attempt is scheduled again on
 * the {@link RetrySchedule} by re-sending its message with a delay, until it succeeds or its window closes.
 */
public final class WebhookDispatcher {
    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class.getName());
    /** A message may arrive this much before its time (clock skew, SQS's whole seconds) and still count as due. */
    private static final Duration EARLY = Duration.ofSeconds(1);

    private final WebhookStore store;
    private final JobStore jobs;
    private final WebhookQueue queue;
    private final UrlGuard guard;
    private final GuardedHttp http;
    private final RetrySchedule schedule;
    private final Clock clock;

    public WebhookDispatcher(
            WebhookStore store,
            JobStore jobs,
            WebhookQueue queue,
            UrlGuard guard,
            GuardedHttp http,
            RetrySchedule schedule,
            Clock clock) {
        this.store = store;
        this.jobs = jobs;
        this.queue = queue;
        this.guard = guard;
        this.http = http;
        this.schedule = schedule;
        this.clock = clock;
    }

    public void handle(WebhookMessage message) {
        switch (message.kind()) {
            case WebhookMessage.TRANSITION -> transition(message);
            case WebhookMessage.DELIVER -> deliver(message);
            default -> LOG.warning("Dropping a webhook message of unknown kind " + message.kind());
        }
    }

    private void transition(WebhookMessage message) {
        Optional<WebhookEndpoint> found = endpointFor(message.owner(), message.jobId());
        if (found.isEmpty() || !found.get().enabled()) return; // a disabled endpoint is sent nothing, not even logged
        WebhookEndpoint endpoint = found.get();
        Optional<String> taskEvent = WebhookEvents.ofTask(TaskStatus.valueOf(message.status()));
        if (taskEvent.isPresent() && endpoint.wants(taskEvent.get()))
            jobs.findTask(message.jobId(), message.taskId())
                    .ifPresent(task -> start(
                            endpoint,
                            id(
                                    message.at(),
                                    endpoint.webhookId(),
                                    message.taskId(),
                                    message.status(),
                                    String.valueOf(message.attempt())),
                            taskEvent.get(),
                            WebhookPayloads.task(taskEvent.get(), message.at(), task)));
        // The job's event: every report after the job ended (or its pilot did) sees the same item, hence the same id.
        Optional<Job> job = jobs.findJob(message.owner(), message.jobId());
        if (job.isEmpty()) return;
        JobStatus status = job.get().status();
        if (!status.terminal() && status != JobStatus.AWAITING_APPROVAL) return;
        Optional<String> jobEvent = WebhookEvents.ofJob(job.get().status());
        if (jobEvent.isPresent() && endpoint.wants(jobEvent.get()))
            start(
                    endpoint,
                    id(
                            job.get().updatedAt(),
                            endpoint.webhookId(),
                            job.get().jobId(),
                            job.get().status().name()),
                    jobEvent.get(),
                    WebhookPayloads.job(jobEvent.get(), job.get()));
    }

    /** The endpoint the job named at submission, else the owner's default; none when the named one was deleted. */
    private Optional<WebhookEndpoint> endpointFor(String owner, String jobId) {
        Optional<String> named = store.linkedWebhook(owner, jobId);
        if (named.isPresent()) return store.endpoint(owner, named.get());
        return store.endpoints(owner).stream()
                .filter(WebhookEndpoint::isDefault)
                .findFirst();
    }

    private void start(WebhookEndpoint endpoint, String deliveryId, String type, String payload) {
        WebhookDelivery delivery = WebhookDelivery.pending(
                endpoint.owner(), endpoint.webhookId(), deliveryId, type, payload, clock.instant());
        if (store.createDelivery(delivery)) attempt(endpoint, delivery);
        // Reported again: if the first report stored the delivery but died before its first attempt, make it now;
        // within the attempt's deadline its maker may still be at it (reports of one event arrive side by side).
        else
            store.delivery(endpoint.webhookId(), deliveryId)
                    .filter(stored -> stored.status() == DeliveryStatus.PENDING && stored.attempts() == 0)
                    .filter(stored ->
                            stored.createdAt().plus(http.deadline()).plus(EARLY).isBefore(clock.instant()))
                    .ifPresent(stored -> attempt(endpoint, stored));
    }

    private void deliver(WebhookMessage message) {
        Instant now = clock.instant();
        if (message.notBefore() != null && now.plus(EARLY).isBefore(message.notBefore())) {
            queue.send(message, shortest(Duration.between(now, message.notBefore()), WebhookQueue.MAX_DELAY));
            return;
        }
        Optional<WebhookDelivery> found = store.delivery(message.webhookId(), message.deliveryId());
        if (found.isEmpty() || found.get().status() != DeliveryStatus.PENDING) return;
        WebhookDelivery delivery = found.get();
        // Another message already scheduled a later attempt (a duplicate, or one overtaken by a redelivery).
        if (delivery.nextAttemptAt() != null && now.plus(EARLY).isBefore(delivery.nextAttemptAt())) return;
        Optional<WebhookEndpoint> endpoint = store.endpoint(delivery.owner(), delivery.webhookId());
        if (endpoint.isEmpty()) {
            store.update(
                    delivery.attempted(now, 0, 0, "The endpoint was deleted.", DeliveryStatus.FAILED, null),
                    delivery.attempts());
            return;
        }
        if (!endpoint.get().enabled()) {
            store.update(
                    delivery.attempted(now, 0, 0, "The endpoint is disabled.", DeliveryStatus.FAILED, null),
                    delivery.attempts());
            return;
        }
        attempt(endpoint.get(), delivery);
    }

    private void attempt(WebhookEndpoint endpoint, WebhookDelivery delivery) {
        Instant now = clock.instant();
        GuardedHttp.Answer answer;
        try {
            long timestamp = now.getEpochSecond();
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/json");
            headers.put("User-Agent", "Atelier-Webhooks/1");
            headers.put("webhook-id", delivery.deliveryId());
            headers.put("webhook-timestamp", Long.toString(timestamp));
            headers.put(
                    "webhook-signature",
                    WebhookSignature.header(
                            endpoint.signingSecrets(now), delivery.deliveryId(), timestamp, delivery.payload()));
            answer = http.post(
                    guard.vet(endpoint.url()), headers, delivery.payload().getBytes(StandardCharsets.UTF_8));
        } catch (UnsafeUrlException e) {
            answer = new GuardedHttp.Answer(0, Map.of(), new byte[0], false, 0, e.getMessage());
        }
        DeliveryStatus next;
        Instant nextAt = null;
        if (answer.succeeded()) next = DeliveryStatus.SUCCEEDED;
        else if (answer.status() == 410) {
            // Standard Webhooks: 410 Gone means "send no more"; the endpoint stays disabled until its owner enables it.
            next = DeliveryStatus.FAILED;
            store.setDisabled(
                    endpoint.owner(),
                    endpoint.webhookId(),
                    now,
                    "The receiver answered 410 Gone to " + delivery.eventType() + " " + delivery.deliveryId() + ".");
        } else {
            nextAt = schedule.next(delivery.retryFrom(), now, delivery.attempts() + 1, retryAfter(answer))
                    .orElse(null);
            next = nextAt == null ? DeliveryStatus.FAILED : DeliveryStatus.PENDING;
        }
        WebhookDelivery attempted =
                delivery.attempted(now, answer.status(), answer.latencyMs(), describe(answer), next, nextAt);
        if (store.update(attempted, delivery.attempts()) && nextAt != null)
            queue.send(
                    WebhookMessage.deliver(delivery.owner(), delivery.webhookId(), delivery.deliveryId(), nextAt),
                    shortest(Duration.between(now, nextAt), WebhookQueue.MAX_DELAY));
    }

    private static String describe(GuardedHttp.Answer answer) {
        if (answer.status() == 0) return answer.failure();
        if (answer.succeeded()) return null;
        if (answer.status() == 410)
            return "The receiver answered 410 Gone: the endpoint is disabled until enabled again.";
        if (answer.status() >= 300 && answer.status() < 400)
            return "Redirect to " + answer.header("Location").orElse("(no location)")
                    + " not followed: update the endpoint's URL.";
        return "The receiver answered " + answer.status() + ".";
    }

    /** A {@code Retry-After} in seconds (the HTTP-date form is rare for webhooks and is ignored). */
    private static Optional<Duration> retryAfter(GuardedHttp.Answer answer) {
        return answer.header("Retry-After")
                .filter(value -> value.matches("\\d{1,6}"))
                .map(value -> Duration.ofSeconds(Long.parseLong(value)));
    }

    private static Duration shortest(Duration a, Duration b) {
        return a.isNegative() ? Duration.ZERO : a.compareTo(b) < 0 ? a : b;
    }

    /** The id of one event for one endpoint: its time and a digest of what it is. */
    static String id(Instant at, String... parts) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.join("|", parts).getBytes(StandardCharsets.UTF_8));
            return Ids.derived(Ids.MESSAGE, at.toEpochMilli(), digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
