package io.atelier.local.e2e;

import io.atelier.local.AtelierLocal;
import io.atelier.local.LocalOptions;
import java.nio.file.Path;

/**
 * The project's own template.yaml and web/ on the embedded emulators, started once per test JVM and shared by the
 * end-to-end test classes: exactly what `make run` serves, on a free port.
 */
final class RealStack {
    private static AtelierLocal local;

    private RealStack() {}

    static synchronized AtelierLocal get() throws Exception {
        if (local == null) {
            // Tests run with the local module as working directory; the template and the web app sit beside it.
            local = AtelierLocal.start(LocalOptions.defaults()
                    .withPort(0)
                    .withTemplate(Path.of("..", "template.yaml"))
                    // A bench may serve another copy of the app (an older one, to compare): -Datelier.web=DIR.
                    .withWebDir(Path.of(System.getProperty("atelier.web", "../web"))));
        }
        return local;
    }

    static Http as(String user) throws Exception {
        return new Http(get().apiUrl(), get().token(user));
    }

    static Http anonymous() throws Exception {
        return new Http(get().apiUrl(), null);
    }
}
