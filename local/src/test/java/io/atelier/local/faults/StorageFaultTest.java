package io.atelier.local.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.local.AtelierLocal;
import io.atelier.local.LocalOptions;
import io.atelier.local.LocalPaths;
import io.atelier.local.TestStack;
import io.atelier.local.faults.FaultPlan.Fault;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Storage that refuses the worker's result, on the real handlers and emulators: the task must end FAILED in words
 * after its bounded tries, not keep coming back silently. A stack of its own, since its bucket is taken away.
 */
@Timeout(120)
class StorageFaultTest {

    @Test
    void aResultThatCannotBeStoredFailsTheTaskWithAReason() throws Exception {
        FaultPlan.reset((task, call) -> Fault.OK);
        try (AtelierLocal local = AtelierLocal.start(LocalOptions.defaults()
                .withPort(0)
                .withTemplate(TestStack.resource("faults-template.yaml"))
                .withWebDir(TestStack.resource("web")))) {
            local.aws()
                    .s3()
                    .deleteBucket(b -> b.bucket(local.bucketName("MediaBucket"))); // a generate job reads nothing
            FaultApi api = new FaultApi(local.apiUrl(), local.token("storage-fault-" + System.nanoTime()));
            FaultApi.Reply submitted = api.post(
                    "/jobs",
                    "{\"name\":\"no storage\",\"operation\":\"generate\",\"provider\":\"faulty\","
                            + "\"prompt\":\"a studio photo\",\"count\":1}");
            assertThat(submitted.status()).as(String.valueOf(submitted.json())).isEqualTo(202);
            String jobId = submitted.json().get("jobId").asText();

            JsonNode job = null;
            for (long deadline = System.nanoTime() + 60_000_000_000L; System.nanoTime() < deadline; Thread.sleep(100)) {
                job = api.get("/jobs/" + jobId).json();
                if ("FAILED".equals(job.get("status").asText())) break;
            }
            assertThat(job.get("status").asText()).as(String.valueOf(job)).isEqualTo("FAILED");
            List<JsonNode> tasks = api.all("/jobs/" + jobId + "/tasks", "tasks");
            assertThat(tasks.get(0).get("error").get("code").asText()).isEqualTo("internal");
            assertThat(tasks.get(0).get("error").get("message").asText())
                    .isEqualTo("Could not store the result: storage unavailable after 3 tries.");
            assertThat(FaultPlan.CALLS.get())
                    .as("the provider is not paid again for the same result")
                    .isEqualTo(1);
            String log = Files.readString(LocalPaths.logDir().resolve("test.log"));
            assertThat(log).contains("could not store its result");
        }
    }
}
