package io.atelier.fakes;

import io.atelier.imaging.ImageFormat;
import io.atelier.model.ErrorCode;
import io.atelier.model.FieldError;
import io.atelier.providers.ImageProvider;
import io.atelier.providers.ProviderCall;
import io.atelier.providers.ProviderException;
import io.atelier.providers.ProviderOutcome;
import io.atelier.providers.ProviderResult;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** A provider whose answers are scripted: each call takes the next fault, or succeeds once the script is empty. */
public final class ScriptedProvider implements ImageProvider {
    public final Deque<ErrorCode> faults = new ArrayDeque<>();
    public final AtomicInteger calls = new AtomicInteger();
    public Runnable duringCall = () -> {};
    /** Asynchronous when not negative: start answers pending, and so do that many polls before one is done. */
    public int pendingPolls = -1;

    public final AtomicInteger polls = new AtomicInteger();
    public final Deque<ErrorCode> pollFaults = new ArrayDeque<>();

    private final String id;

    public ScriptedProvider() {
        this("scripted");
    }

    /** Another scripted provider beside the first, e.g. a fallback. */
    public ScriptedProvider(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public boolean configured() {
        return true;
    }

    @Override
    public Set<String> operations() {
        return Set.of("edit");
    }

    @Override
    public List<String> models() {
        return List.of("m1");
    }

    @Override
    public Map<String, Object> limits() {
        return Map.of();
    }

    @Override
    public List<FieldError> validate(String operation, String model, String prompt, Map<String, Object> params) {
        return List.of();
    }

    @Override
    public ProviderOutcome start(ProviderCall call) throws ProviderException {
        calls.incrementAndGet();
        duringCall.run();
        ErrorCode fault = faults.poll();
        if (fault != null) throw new ProviderException(fault, "scripted " + fault.wire(), Duration.ofSeconds(7));
        if (pendingPolls >= 0)
            return ProviderOutcome.pending(
                    "handle-" + calls.get(), Duration.ofSeconds(5), Map.of("requestId", "sub-" + calls.get()));
        return ProviderOutcome.done(new ProviderResult(
                TestImages.png(4, 4), ImageFormat.PNG, 4, 4, "m1", Map.of("requestId", "r-" + calls.get())));
    }

    @Override
    public ProviderOutcome poll(ProviderCall call, String handle) throws ProviderException {
        int poll = polls.incrementAndGet();
        ErrorCode fault = pollFaults.poll();
        if (fault != null) throw new ProviderException(fault, "scripted poll " + fault.wire(), null);
        if (poll <= pendingPolls) return ProviderOutcome.pending(handle, Duration.ofSeconds(5), Map.of());
        return ProviderOutcome.done(
                new ProviderResult(TestImages.png(6, 6), ImageFormat.PNG, 6, 6, "m1", Map.of("handle", handle)));
    }
}
