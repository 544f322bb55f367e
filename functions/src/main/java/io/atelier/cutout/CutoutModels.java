package io.atelier.cutout;

import java.util.logging.Logger;

/** The container's one model session, created on first use (or while priming, before the SnapStart snapshot). */
public final class CutoutModels {
    private static final Logger LOG = Logger.getLogger(CutoutModels.class.getName());
    private static OnnxSaliencyModel shared;
    private static ModelSettings settings = ModelSettings.defaults();

    private CutoutModels() {}

    public static synchronized OnnxSaliencyModel shared() {
        if (shared == null) {
            long start = System.nanoTime();
            shared = new OnnxSaliencyModel(settings);
            LOG.info("Cut-out model " + shared.settings() + " loaded in " + (System.nanoTime() - start) / 1_000_000
                    + " ms");
        }
        return shared;
    }

    /** Which model the session will load; set from the function's configuration before first use. */
    public static synchronized void configure(ModelSettings value) {
        if (shared == null) settings = value;
    }

    /** Loads the session and runs it twice, so the snapshot holds a ready model. */
    public static void warm() {
        shared().warm();
    }
}
