package io.atelier.providers;

import static org.assertj.core.api.Assertions.assertThat;

import io.atelier.fakes.TestImages;
import io.atelier.imaging.ImageFormat;
import io.atelier.imaging.ImageInspector;
import io.atelier.model.ErrorCode;
import io.atelier.providers.http.ProviderHttp.Timeouts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every AI adapter promises whatever its wire format: how each kind of answer becomes a result or one of the
 * task error codes, that its time limits hold, that inputs are fitted (or refused) before anything is sent, and that
 * its key is never repeated. An adapter's test extends this with its stand-in (a {@link MockWebServer} dispatcher
 * speaking the provider's documented wire format) by implementing the hooks; providers with a content policy also
 * implement {@link Refusals}, and those signed with a key {@link Keyed}. Tests of one provider's own request shapes,
 * polling flow and parameters stay beside the subclass.
 */
public abstract class ProviderContract {
    /** Limits for answers that should arrive: generous, as they cost nothing unless something hangs. */
    protected static final Timeouts PATIENT =
            new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(30));
    /** The limits of the slow case: a few hundred milliseconds. */
    protected static final Timeouts SHORT =
            new Timeouts(Duration.ofMillis(300), Duration.ofMillis(300), Duration.ofMillis(600));
    /** How long a stand-in holds back a slow answer: well past {@link #SHORT}. */
    protected static final Duration SLOW_ANSWER = Duration.ofSeconds(2);
    /** A byte ceiling the input below is over, though it can be fitted under it. */
    private static final long FITTING_CEILING = 20_000;
    /** A ceiling no image can be fitted under. */
    private static final long IMPOSSIBLE_CEILING = 64;

    /** The answers every stand-in can be told to give. */
    public enum Answer {
        /** The result, as the provider documents it. */
        SUCCESS,
        /** 429 (or the provider's own throttling answer) with a hint of when to come back. */
        THROTTLED,
        /** A success held back for {@link #SLOW_ANSWER}. */
        SLOW,
        /** The provider's 5xx. */
        UNAVAILABLE,
        /** The provider's content-policy refusal. */
        REFUSED,
        /** The provider's answer to a key it does not accept. */
        BAD_KEY,
        /** A 2xx whose body is not what the provider documents. */
        MALFORMED,
        /** A 2xx whose body breaks off. */
        TRUNCATED
    }

    protected final MockWebServer server = new MockWebServer();
    protected final SourceImage photo = png(300, 200);
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private Level rootLevel;

    // --- hooks
    // ---------------------------------------------------------------------------------------------------------

    /** The stand-in the server dispatches to. */
    protected abstract Dispatcher standIn();

    /** The adapter, configured (key, base URL) to call {@link #server}, within {@code tuning}. */
    protected abstract ImageProvider provider(ProviderTuning tuning);

    /** The adapter without its key (or, for a provider with none, its address). */
    protected abstract ImageProvider unconfigured();

    /** A call the provider accepts, on {@code input}. */
    protected abstract ProviderCall call(SourceImage input);

    /** A call on {@code input} whose parameters the adapter's checks refuse. */
    protected abstract ProviderCall invalidCall(SourceImage input);

    /** Tells the stand-in how to answer from now on. */
    protected abstract void answer(Answer answer);

    /** The hint of when to come back that the stand-in's {@link Answer#THROTTLED} carries. */
    protected abstract Duration throttleHint();

    /** The image the contract's calls work on; a provider with a larger minimum side gives a larger one. */
    protected SourceImage input() {
        return photo;
    }

    /** How many requests the stand-in has received. */
    protected abstract int requestsReceived();

    /** The image bytes the last request carrying one sent. */
    protected abstract byte[] lastImageSent();

    // --- the contract
    // --------------------------------------------------------------------------------------------------

    @BeforeEach
    void startStandIn() throws Exception {
        server.setDispatcher(standIn());
        server.start();
        Logger root = Logger.getLogger("");
        rootLevel = root.getLevel();
        root.setLevel(Level.ALL);
        capture.setLevel(Level.ALL);
        root.addHandler(capture);
    }

    @AfterEach
    void stopStandIn() {
        Logger root = Logger.getLogger("");
        root.removeHandler(capture);
        root.setLevel(rootLevel);
        server.close();
    }

    @Test
    void aSuccessIsAResultMeasuredLikeAnUpload() throws Exception {
        ProviderResult result = run(provider(), call(input()));
        assertThat(result.bytes()).isNotEmpty();
        var header = ImageInspector.inspect(result.bytes());
        assertThat(result.format()).isEqualTo(header.format());
        assertThat(result.width()).isEqualTo(header.width());
        assertThat(result.height()).isEqualTo(header.height());
        assertThat(result.provenance()).doesNotContainKey("inputAdjusted");
        assertThat(lastImageSent()).isEqualTo(input().bytes());
    }

    @Test
    void throttlingIsThrottledWithTheProvidersHint() {
        answer(Answer.THROTTLED);
        ProviderException e = failure(provider(), call(input()));
        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_THROTTLED);
        assertThat(e.retryAfter()).isEqualTo(throttleHint());
    }

    @Test
    void aSlowAnswerEndsAtTheTimeLimitAsUnavailable() {
        answer(Answer.SLOW);
        ImageProvider hurried = provider(ProviderTuning.of(SHORT));
        long began = System.nanoTime();
        ProviderException e = failure(hurried, call(input()));
        Duration took = Duration.ofNanos(System.nanoTime() - began);
        // A transport time-out is worth retrying: provider_unavailable (timeout is for work pending past maxWait).
        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
        assertThat(e.getMessage()).contains("in time");
        assertThat(took).as("the time limit, not the stand-in's delay").isLessThan(SLOW_ANSWER);
    }

    @Test
    void serverTroubleIsUnavailable() {
        answer(Answer.UNAVAILABLE);
        ProviderException e = failure(provider(), call(input()));
        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
        assertThat(e.retryAfter()).isNull();
    }

    @Test
    void aRejectedKeyIsAnAuthProblem() {
        answer(Answer.BAD_KEY);
        ProviderException e = failure(provider(), call(input()));
        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_AUTH);
    }

    @Test
    void aMalformedAnswerIsUnavailable() {
        answer(Answer.MALFORMED);
        ProviderException e = failure(provider(), call(input()));
        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
        assertThat(e.getMessage()).contains("could not use");
    }

    @Test
    void aTruncatedAnswerIsUnavailable() {
        answer(Answer.TRUNCATED);
        ProviderException e = failure(provider(), call(input()));
        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
        assertThat(e.getMessage()).contains("broke off");
    }

    @Test
    void anOversizedInputIsFittedBeforeItIsSentAndProvenanceSaysSo() throws Exception {
        SourceImage big = png(1200, 800);
        assertThat(big.bytes().length).isGreaterThan((int) FITTING_CEILING);
        ProviderOutcome started = provider(ProviderTuning.of(PATIENT).withMaxInputBytes(FITTING_CEILING))
                .start(call(big));

        byte[] sent = lastImageSent();
        assertThat(sent.length).isLessThanOrEqualTo((int) FITTING_CEILING);
        assertThat(sent).isNotEqualTo(big.bytes());
        Map<String, Object> provenance = started instanceof ProviderOutcome.Done done
                ? done.result().provenance()
                : ((ProviderOutcome.Pending) started).provenance();
        assertThat((String) provenance.get("inputAdjusted")).contains("1200×800");
    }

    @Test
    void anInputThatCannotBeFittedIsRefusedBeforeAnyCall() {
        ImageProvider strict = provider(ProviderTuning.of(PATIENT).withMaxInputBytes(IMPOSSIBLE_CEILING));
        ProviderException e = failure(strict, call(input()));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(requestsReceived()).isZero();
    }

    @Test
    void parametersItsChecksRefuseAreNeverSent() {
        ProviderException e = failure(provider(), invalidCall(input()));
        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_INVALID_REQUEST);
        assertThat(requestsReceived()).isZero();
    }

    @Test
    void unconfiguredItRefusesAsAnAuthProblemAndSendsNothing() {
        ImageProvider unconfigured = unconfigured();
        assertThat(unconfigured.configured()).isFalse();
        assertThat(provider().configured()).isTrue();
        ProviderException e = failure(unconfigured, call(input()));
        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_AUTH);
        assertThat(requestsReceived()).isZero();
    }

    /** A provider with a content policy says so in its own way; each way is a refusal, never retried. */
    public interface Refusals {
        ProviderException failureAfter(Answer answer);

        @Test
        default void aContentPolicyRefusalIsRefused() {
            assertThat(failureAfter(Answer.REFUSED).code()).isEqualTo(ErrorCode.PROVIDER_REFUSED);
        }
    }

    /** A provider signed with a key: the key is never part of a message or a log line, whatever the answer. */
    public interface Keyed {
        ProviderException failureAfter(Answer answer);

        /** The key the adapter sends. */
        String key();

        String logged();

        @Test
        default void theKeyIsNeverInAMessageOrALogLine() {
            List<String> messages = new ArrayList<>();
            for (Answer answer : Answer.values()) {
                if (answer == Answer.SUCCESS || answer == Answer.SLOW) continue;
                ProviderException e = failureAfter(answer);
                messages.add(answer + ": " + e.getMessage());
            }
            assertThat(messages).hasSize(Answer.values().length - 2).noneMatch(m -> m.contains(key()));
            assertThat(logged()).doesNotContain(key());
        }
    }

    // --- helpers for the contract and its subclasses
    // ------------------------------------------------------------------

    /** The failure a call ends in after the stand-in was told to give {@code answer}. */
    public ProviderException failureAfter(Answer answer) {
        answer(answer);
        return failure(provider(), call(input()));
    }

    /** Every line logged during the test, with its error's messages. */
    public String logged() {
        StringBuilder out = new StringBuilder();
        for (LogRecord record : logged) {
            out.append(record.getMessage())
                    .append(' ')
                    .append(List.of(record.getParameters() == null ? new Object[0] : record.getParameters()));
            for (Throwable t = record.getThrown(); t != null; t = t.getCause())
                out.append(' ').append(t);
            out.append('\n');
        }
        return out.toString();
    }

    protected ImageProvider provider() {
        return provider(ProviderTuning.of(PATIENT));
    }

    /** Starts the call and polls while the provider is still working (stand-ins count polls, not time). */
    protected static ProviderResult run(ImageProvider provider, ProviderCall call) throws ProviderException {
        ProviderOutcome outcome = provider.start(call);
        ProviderCall later = new ProviderCall(call.operation(), call.model(), call.prompt(), call.params(), null);
        for (int i = 0; i < 5 && outcome instanceof ProviderOutcome.Pending pending; i++)
            outcome = provider.poll(later, pending.handle());
        assertThat(outcome).isInstanceOf(ProviderOutcome.Done.class);
        return ((ProviderOutcome.Done) outcome).result();
    }

    protected static ProviderException failure(ImageProvider provider, ProviderCall call) {
        try {
            run(provider, call);
        } catch (ProviderException e) {
            return e;
        }
        throw new AssertionError("expected a ProviderException");
    }

    protected static SourceImage png(int width, int height) {
        return new SourceImage(TestImages.png(width, height), ImageFormat.PNG, width, height);
    }
}
