package io.atelier.core;

import io.atelier.model.ErrorCode;
import io.atelier.model.Ids;
import io.atelier.model.JobEvent;
import io.atelier.model.PendingWork;
import io.atelier.model.Step;
import io.atelier.model.Task;
import io.atelier.model.TaskError;
import io.atelier.providers.ProviderException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A step's fallback providers: tried in order once the step's own provider is down for good. Never after a refusal or
 * a bad input: another provider would be a way around a content policy, or fail the same way.
 */
final class Fallbacks {
    /** The step provenance's list of the providers that failed before the one that made it. */
    static final String FIELD = "fallbackFrom";
    /** In a pending step's submission record: the fallback provider it was submitted to. */
    static final String PROVIDER = "fallbackProvider";

    static final String EVENT = "task.fallback";

    private static final Set<ErrorCode> ELIGIBLE = EnumSet.of(
            ErrorCode.PROVIDER_UNAVAILABLE, ErrorCode.PROVIDER_THROTTLED, ErrorCode.PROVIDER_AUTH, ErrorCode.TIMEOUT);

    private Fallbacks() {}

    static boolean eligible(ErrorCode code) {
        return ELIGIBLE.contains(code);
    }

    static Map<String, Object> record(String provider, ProviderException e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("provider", provider);
        out.put("code", e.code().wire());
        out.put("message", e.getMessage());
        return out;
    }

    /** The job log's entry: which step left which provider for which, and the error that made it. */
    static JobEvent event(Task task, int step, String from, String to, ProviderException e, Instant at) {
        String message = "Step " + (step + 1) + " falls back from " + from + " to " + to + ": " + e.getMessage();
        return new JobEvent(
                Ids.event(),
                at,
                EVENT,
                task.taskId(),
                null,
                null,
                task.attempt(),
                new TaskError(e.code(), message, e.code().transientFault()));
    }

    /** The step a pending work belongs to, run by the fallback provider it was submitted to, if any. */
    static Step stepOf(Step step, PendingWork pending) {
        Object via = pending.submitted().get(PROVIDER);
        return via instanceof String provider && !provider.equals(step.provider()) ? step.on(provider) : step;
    }

    /**
     * Where a step's providers are tried again after the one an asynchronous task was submitted to failed: from the
     * step's {@code fallbackIndex}-th fallback on, with the failures so far for its provenance.
     */
    record Resume(int step, int fallbackIndex, List<Map<String, Object>> fellBack) {}

    /** The failures an earlier provider of a pending step recorded when the task fell back to the one it waits on. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> earlier(PendingWork pending) {
        Object records = pending.submitted().get(FIELD);
        return records instanceof List<?> list ? new ArrayList<>((List<Map<String, Object>>) list) : new ArrayList<>();
    }

    /** The last fallback failed as well: the task fails with its error, no further tries. */
    static final class Spent extends Exception {
        private final ProviderException failure;

        Spent(ProviderException failure) {
            super(failure.getMessage(), failure, false, false);
            this.failure = failure;
        }

        ProviderException failure() {
            return failure;
        }
    }
}
