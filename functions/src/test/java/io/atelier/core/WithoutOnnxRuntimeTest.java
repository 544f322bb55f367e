package io.atelier.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atelier.config.Adapters;
import io.atelier.cutout.CutoutModels;
import io.atelier.http.Catalogue;
import io.atelier.model.Job;
import io.atelier.providers.local.LocalProvider;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * The API functions' package has no ONNX Runtime and no model (only the worker's OnnxLayer has them), so what they run
 * (adapters and the catalogue, a job's validation and submission with the local provider's cut-out steps) must never
 * load an ONNX class. Run here in a class loader built from this test's class path without the onnxruntime jar.
 */
class WithoutOnnxRuntimeTest {
    private static final Map<String, String> API_ENVIRONMENT = Map.of(
            "TABLE_NAME",
            "atelier",
            "BUCKET_NAME",
            "atelier-media",
            "QUEUE_URL",
            "http://127.0.0.1:9/000000000000/TasksQueue",
            "AWS_REGION",
            "us-east-1",
            "AWS_ACCESS_KEY_ID",
            "test",
            "AWS_SECRET_ACCESS_KEY",
            "test");

    @Test
    void theApiFunctionsCatalogueValidateAndSubmitCutoutJobsWithoutOnnxRuntime() throws Exception {
        try (WithoutOnnx loader = new WithoutOnnx()) {
            assertThat(loader.run(ApiWork.class)).isEqualTo("remove-background,frame");
            assertThat(loader.onnxRequests).isEmpty();
        }
    }

    /** The check itself can fail: running the model in the same loader asks for ONNX classes, which are not there. */
    @Test
    void theCutoutItselfNeedsOnnxRuntime() throws Exception {
        try (WithoutOnnx loader = new WithoutOnnx()) {
            assertThatThrownBy(() -> loader.run(WorkerWork.class)).hasStackTraceContaining("ai/onnxruntime/");
            assertThat(loader.onnxRequests).isNotEmpty();
        }
    }

    /** What an API function does on the local provider's studio operations; loaded in {@link WithoutOnnx}. */
    public static final class ApiWork implements Callable<Object> {
        @Override
        public Object call() throws Exception {
            Adapters adapters =
                    Adapters.from(API_ENVIRONMENT); // configures the cut-out model's settings, as every handler does
            Catalogue.of(adapters.providers());
            LocalProvider local = new LocalProvider();
            assertThat(local.validate("replace-background", null, null, Map.of("background", "#ff0000")))
                    .isEmpty();
            assertThat(local.validate("remove-background", null, null, Map.of("format", "bmp")))
                    .isNotEmpty();
            CoreFixture fx = new CoreFixture();
            String image = fx.readyImage("alice", 8, 8);
            fx.submit("alice", "{\"operation\":\"replace-background\",\"items\":[{\"imageId\":\"" + image + "\"}]}");
            Job job = fx.submit("alice", "{\"preset\":\"amazon-main\",\"items\":[{\"imageId\":\"" + image + "\"}]}");
            return String.join(
                    ",",
                    job.steps().stream().map(io.atelier.model.Step::operation).toList());
        }
    }

    /** What only the worker does: load the model. */
    public static final class WorkerWork implements Callable<Object> {
        @Override
        public Object call() {
            CutoutModels.warm();
            return null;
        }
    }

    /** This test's class path minus the onnxruntime jar; records every request for an ONNX class. */
    private static final class WithoutOnnx extends URLClassLoader {
        final List<String> onnxRequests = Collections.synchronizedList(new ArrayList<>());

        WithoutOnnx() throws MalformedURLException {
            super("without-onnx", classPathWithoutOnnx(), ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("ai.onnxruntime.") || name.equals("io.atelier.cutout.OnnxSaliencyModel"))
                onnxRequests.add(name);
            return super.loadClass(name, resolve);
        }

        Object run(Class<? extends Callable<Object>> work) throws Exception {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(this);
            try {
                return ((Callable<?>) loadClass(work.getName()).getConstructor().newInstance()).call();
            } finally {
                thread.setContextClassLoader(previous);
            }
        }

        private static URL[] classPathWithoutOnnx() throws MalformedURLException {
            List<URL> urls = new ArrayList<>();
            boolean dropped = false;
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                if (new File(entry).getName().startsWith("onnxruntime")) dropped = true;
                else urls.add(new File(entry).toURI().toURL());
            }
            if (!dropped)
                throw new IllegalStateException("onnxruntime is not on the test class path: nothing to take away");
            return urls.toArray(URL[]::new);
        }
    }
}
