package io.atelier.config;

import io.atelier.cutout.CutoutModels;
import io.atelier.imaging.ImageCodec;
import io.atelier.imaging.ImageFormat;
import io.atelier.json.Json;
import io.atelier.model.Counts;
import io.atelier.model.Job;
import io.atelier.model.Step;
import io.atelier.providers.ProviderCall;
import io.atelier.providers.SourceImage;
import io.atelier.providers.local.LocalProvider;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming: before Lambda snapshots an initialised container, run the AWS SDK request path (through canned
 * answers, see {@link SdkPriming}), build the clients the handler wired to make on first use, and run the JSON and the
 * image code paths once, so that their classes are loaded, linked and warmed in the snapshot rather than on the first
 * request. No connection is opened, so none can go stale.
 */
public final class Priming implements Resource {
    private static final Logger LOG = Logger.getLogger(Priming.class.getName());
    private static final Priming INSTANCE = new Priming();
    private static boolean registered;

    private Priming() {}

    public static synchronized void register() {
        if (registered) return;
        registered = true;
        Core.getGlobalContext().register(INSTANCE);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        // Lambda names the handler in _HANDLER (set by Lambda itself, not part of the function's configuration).
        prime(System.getenv("_HANDLER"));
    }

    /** What the snapshot hook runs; public so that `make bench` can measure a primed first request. */
    public static void prime(String handler) {
        try {
            SdkPriming.run();
        } catch (RuntimeException | LinkageError e) {
            LOG.warning("AWS SDK priming skipped: " + e);
        }
        try {
            // The S3 and SQS clients the handler wired are built on first use: build them into the snapshot.
            Adapters.buildWiredClients();
        } catch (RuntimeException | LinkageError e) {
            LOG.warning("AWS clients not built before the snapshot: " + e);
        }
        try {
            Job job = new Job(
                    "prime",
                    "job_prime",
                    "prime",
                    List.of(new Step("upscale", "local", null, null, Map.of("factor", 2))),
                    false,
                    Counts.allQueued(1),
                    false,
                    Instant.now(),
                    Instant.now());
            Json.map(Json.write(job));
            byte[] png = ImageCodec.encode(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), ImageFormat.PNG, 90);
            new LocalProvider()
                    .start(new ProviderCall(
                            "upscale", null, null, Map.of("factor", 2), new SourceImage(png, ImageFormat.PNG, 8, 8)));
        } catch (Exception e) {
            LOG.warning("Priming skipped: " + e);
        }
        // Only the worker runs the cut-out model; other functions stay small.
        if (handler == null || !handler.contains("Worker")) return;
        try {
            // The model's session is created once per container: load it and run it twice before the snapshot.
            CutoutModels.warm();
        } catch (Exception | LinkageError e) {
            LOG.warning("Cut-out model not primed: " + e);
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to refresh: AWS clients resolve credentials lazily after restore.
    }
}
