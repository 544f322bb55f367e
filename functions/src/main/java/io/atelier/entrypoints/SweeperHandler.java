package io.atelier.entrypoints;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.atelier.config.Adapters;
import io.atelier.core.Sweeper;
import io.atelier.logging.LogContext;
import java.time.Clock;
import java.util.Map;
import java.util.logging.Logger;

/** The scheduled sweep (EventBridge Schedule): re-queues or fails tasks whose work was lost. The event's content is not used. */
public final class SweeperHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private static final Logger LOG = Logger.getLogger(SweeperHandler.class.getName());
    private final Sweeper sweeper;

    /** Lambda: the runtime's environment, read once. */
    public SweeperHandler() {
        this(System.getenv());
    }

    /** Configured from {@code environment} alone: the local runner gives each function its own. */
    public SweeperHandler(Map<String, String> environment) {
        this(Adapters.from(environment));
    }

    private SweeperHandler(Adapters adapters) {
        this(new Sweeper(
                adapters.jobStore(),
                adapters.taskQueue(),
                adapters.configuration().limits(),
                adapters.configuration().delays(),
                Clock.systemUTC(),
                adapters.metrics()));
    }

    public SweeperHandler(Sweeper sweeper) {
        this.sweeper = sweeper;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        LogContext.begin(context == null ? null : context.getAwsRequestId());
        Sweeper.Result result = sweeper.sweep();
        if (result.requeued() + result.failed() + result.fanOuts() > 0)
            LOG.info("Swept " + result.examined() + " overdue tasks: " + result.requeued() + " re-queued, "
                    + result.failed() + " failed; " + result.fanOuts() + " stalled fan-outs finished");
        return Map.of(
                "examined",
                result.examined(),
                "requeued",
                result.requeued(),
                "failed",
                result.failed(),
                "fanOuts",
                result.fanOuts());
    }
}
