package io.atelier.local.e2e;

import io.atelier.local.AtelierLocal;
import io.atelier.local.LocalOptions;
import java.nio.file.Path;
import java.util.Map;

/**
 * The real template with short webhook retries (one second apart), background archives past two results, and one
 * bucket granted for imports and one for exports: shared by the webhook, archive, import and export end-to-end tests,
 * started once per test JVM.
 */
final class IntegrationsStack {
    private static AtelierLocal local;

    private IntegrationsStack() {}

    static synchronized AtelierLocal get() throws Exception {
        if (local == null) {
            local = AtelierLocal.start(LocalOptions.defaults()
                    .withPort(0)
                    .withTemplate(Path.of("..", "template.yaml"))
                    .withWebDir(Path.of("..", "web"))
                    .withFunctionEnvironment(Map.of(
                            "WEBHOOK_RETRY_BASE_SECONDS",
                            "1",
                            "WEBHOOK_RETRY_MAX_SECONDS",
                            "1",
                            "ARCHIVE_SYNC_MAX_ENTRIES",
                            "2",
                            "IMPORT_BUCKETS",
                            ImportEndToEndTest.BUCKET,
                            "EXPORT_BUCKETS",
                            ExportEndToEndTest.BUCKET)));
        }
        return local;
    }

    static Http as(String user) throws Exception {
        return new Http(get().apiUrl(), get().token(user));
    }
}
