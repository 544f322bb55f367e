package io.atelier.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A team's round trip through its own bucket (the S3 emulator), driven with the AWS CLI as the team would: {@code aws
 * s3 sync} puts 50 objects under a prefix (45 photos, 3 files named .png that are not images, 2 text files); a job is
 * submitted straight from the prefix, the import runs in the background (polled), refuses the 5 object by object and
 * the job runs over the 45; the results are exported back, and {@code aws s3 ls} / {@code aws s3 cp} read them and
 * manifest.csv.
 */
class ImportEndToEndTest {
    static final String BUCKET = "team-photos";

    static void ensureBucket(S3Client s3, String bucket) {
        if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(bucket)))
            s3.createBucket(b -> b.bucket(bucket));
    }

    /** 45 photos sku-100-main.png…, 3 fakes fake-N-main.png and 2 notes-N.txt, synced to the prefix with the CLI. */
    private static void syncFifty(AwsCli aws, String prefix) throws Exception {
        Path folder = Files.createTempDirectory("team-photos");
        for (int i = 0; i < 45; i++)
            Files.write(folder.resolve("sku-" + (100 + i) + "-main.png"), Flows.png(30 + i, 20));
        for (int i = 0; i < 3; i++) Files.writeString(folder.resolve("fake-" + i + "-main.png"), "not an image " + i);
        for (int i = 0; i < 2; i++) Files.writeString(folder.resolve("notes-" + i + ".txt"), "hello");
        aws.run("s3", "sync", folder.toString(), "s3://" + BUCKET + "/" + prefix, "--only-show-errors");
    }

    private static JsonNode awaitImport(Http api, String importId) throws InterruptedException {
        return Flows.await(
                api,
                "/imports/" + importId,
                json -> !json.get("status").asText().equals("RUNNING"),
                Duration.ofSeconds(120));
    }

    @Test
    void fiftyObjectsSyncedWithTheCliBecomeAJobWhoseResultsTheCliReadsBack() throws Exception {
        Http api = IntegrationsStack.as("import-" + System.nanoTime());
        ensureBucket(IntegrationsStack.get().aws().s3(), BUCKET);
        ensureBucket(IntegrationsStack.get().aws().s3(), ExportEndToEndTest.BUCKET);
        AwsCli aws = new AwsCli(IntegrationsStack.get().s3Endpoint());
        String prefix = "spring-" + System.nanoTime() + "/";
        syncFifty(aws, prefix);
        assertThat(aws.run("s3", "ls", "s3://" + BUCKET + "/" + prefix).lines()).hasSize(50);

        Http.Reply started = api.post(
                "/jobs",
                "{\"name\":\"spring\",\"operation\":\"upscale\",\"provider\":\"local\",\"params\":{\"factor\":2},"
                        + "\"source\":{\"s3\":\"s3://" + BUCKET + "/" + prefix
                        + "\",\"project\":\"spring\",\"namePattern\":\"{sku}-{role}.png\"}}");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String importId = started.json().get("importId").asText();
        assertThat(started.json().get("startsJob").asBoolean()).isTrue();

        JsonNode done = awaitImport(api, importId);
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(done.get("listed").asInt()).isEqualTo(50);
        assertThat(done.get("imported").asInt()).isEqualTo(45);
        assertThat(done.get("refused").asInt()).isEqualTo(5);
        Map<String, String> problems = new java.util.TreeMap<>();
        done.get("problems")
                .forEach(
                        p -> problems.put(p.get("key").asText(), p.get("reason").asText()));
        assertThat(problems).hasSize(5);
        assertThat(problems.get(prefix + "notes-0.txt")).contains("PNG, JPEG or WebP");
        assertThat(problems.get(prefix + "fake-0-main.png")).startsWith("rejected: ");

        String jobId = done.get("jobId").asText();
        JsonNode job = Flows.awaitJob(api, jobId, "SUCCEEDED"::equals);
        assertThat(job.get("counts").get("succeeded").asInt()).isEqualTo(45);
        JsonNode tasks = api.get("/jobs/" + jobId + "/tasks?limit=100").json().get("tasks");
        assertThat(StreamSupport.stream(tasks.spliterator(), false)
                        .map(task -> task.get("sku").asText())
                        .distinct())
                .hasSize(45)
                .contains("sku-100", "sku-144"); // filed by SKU from the key
        assertThat(api.get("/imports/" + importId).json().get("jobId").asText()).isEqualTo(jobId);
        List<String> onTheJob = new ArrayList<>();
        api.get("/jobs/" + jobId + "/events?limit=100").json().get("events").forEach(event -> {
            if (event.get("type").asText().equals("import.refused"))
                onTheJob.add(event.get("error").get("message").asText());
        });
        assertThat(onTheJob)
                .hasSize(5)
                .contains(prefix + "notes-1.txt: not a PNG, JPEG or WebP file name")
                .anyMatch(message -> message.startsWith(prefix + "fake-2-main.png: rejected: "));

        String out = "spring-" + System.nanoTime() + "/";
        Http.Reply export = api.post(
                "/jobs/" + jobId + "/export",
                "{\"destination\":\"s3://" + ExportEndToEndTest.BUCKET + "/" + out
                        + "\",\"outputName\":\"{name}_x2.{ext}\"}");
        assertThat(export.status()).as(export.body()).isEqualTo(202);
        JsonNode exported = Flows.await(
                api,
                "/jobs/" + jobId + "/exports/" + export.json().get("exportId").asText(),
                json -> !json.get("status").asText().equals("RUNNING"),
                Duration.ofSeconds(120));
        assertThat(exported.get("status").asText()).isEqualTo("SUCCEEDED");

        List<String> listed = aws.run("s3", "ls", "s3://" + ExportEndToEndTest.BUCKET + "/" + out)
                .lines()
                .map(line -> line.substring(line.lastIndexOf(' ') + 1))
                .sorted()
                .toList();
        assertThat(listed).hasSize(46).contains("manifest.csv", "sku-100-main_x2.png", "sku-144-main_x2.png");
        String manifest = aws.run("s3", "cp", "s3://" + ExportEndToEndTest.BUCKET + "/" + out + "manifest.csv", "-");
        assertThat(manifest.lines()).hasSize(46); // the header and one row per task
        assertThat(manifest).contains("sku-100-main_x2.png", "SUCCEEDED");
        Path copy = Files.createTempDirectory("exported").resolve("one.png");
        aws.run("s3", "cp", "s3://" + ExportEndToEndTest.BUCKET + "/" + out + "sku-100-main_x2.png", copy.toString());
        JsonNode task = StreamSupport.stream(tasks.spliterator(), false)
                .filter(t -> t.get("sku").asText().equals("sku-100"))
                .findFirst()
                .orElseThrow();
        assertThat(Files.readAllBytes(copy))
                .isEqualTo(Http.download(task.get("output").get("url").asText()));
    }

    /**
     * A client that retries {@code POST /jobs} from a prefix with its Idempotency-Key gets the first import back (202,
     * {@code Idempotent-Replayed}), the key with another request is a 422, and one import makes one job; a dry run
     * before it lists the prefix once and creates nothing.
     */
    @Test
    void aRetriedJobFromAPrefixWithItsKeyMakesOneImportAndADryRunEstimatesIt() throws Exception {
        Http api = IntegrationsStack.as("import-key-" + System.nanoTime());
        S3Client s3 = IntegrationsStack.get().aws().s3();
        ensureBucket(s3, BUCKET);
        String prefix = "keyed-" + System.nanoTime() + "/";
        for (int i = 0; i < 3; i++)
            s3.putObject(
                    b -> b.bucket(BUCKET).key(prefix + "boot-" + System.nanoTime() + ".png"),
                    software.amazon.awssdk.core.sync.RequestBody.fromBytes(Flows.png(20, 20)));
        s3.putObject(
                b -> b.bucket(BUCKET).key(prefix + "readme.txt"),
                software.amazon.awssdk.core.sync.RequestBody.fromString("hello"));
        String job = "\"operation\":\"upscale\",\"provider\":\"local\",\"params\":{\"factor\":2}";
        String source = "\"source\":{\"s3\":\"s3://" + BUCKET + "/" + prefix + "\"}";

        Http.Reply dryRun = api.post("/jobs", "{" + job + ",\"dryRun\":true," + source + "}");
        assertThat(dryRun.status()).as(dryRun.body()).isEqualTo(200);
        assertThat(dryRun.json().get("tasks").asInt()).isEqualTo(3);
        JsonNode listing = dryRun.json().get("source");
        assertThat(listing.get("s3").asText()).isEqualTo("s3://" + BUCKET + "/" + prefix);
        assertThat(listing.get("listed").asInt()).isEqualTo(4);
        assertThat(listing.get("importable").asInt()).isEqualTo(3);
        assertThat(listing.get("complete").asBoolean()).isTrue();
        assertThat(listing.get("limit").asInt()).isEqualTo(1000);
        assertThat(api.get("/jobs?limit=10").json().get("jobs"))
                .as("a dry run creates nothing")
                .isEmpty();
        assertThat(api.post(
                                "/jobs",
                                "{" + job + ",\"dryRun\":true,\"source\":{\"s3\":\"s3://someone-elses-bucket/x/\"}}")
                        .problemField())
                .isEqualTo("source.s3");

        Map<String, String> key = Map.of("Idempotency-Key", "spring-import-" + System.nanoTime());
        Http.Reply first = api.post("/jobs", "{" + job + "," + source + "}", key);
        assertThat(first.status()).as(first.body()).isEqualTo(202);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        String importId = first.json().get("importId").asText();
        Http.Reply again = api.post("/jobs", "{" + source + "," + job + "}", key);
        assertThat(again.status()).as(again.body()).isEqualTo(202);
        assertThat(again.json().get("importId").asText()).isEqualTo(importId);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.header("Location")).isEqualTo("/imports/" + importId);
        Http.Reply misuse = api.post(
                "/jobs", "{" + job + ",\"source\":{\"s3\":\"s3://" + BUCKET + "/other-" + prefix + "\"}}", key);
        assertThat(misuse.status()).as(misuse.body()).isEqualTo(422);
        assertThat(misuse.isProblem()).isTrue();
        assertThat(misuse.json().get("errors").get(0).get("field").asText()).isEqualTo("Idempotency-Key");

        JsonNode done = awaitImport(api, importId);
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(done.get("imported").asInt()).isEqualTo(3);
        Http.Reply afterwards = api.post("/jobs", "{" + job + "," + source + "}", key);
        assertThat(afterwards.status()).isEqualTo(202);
        assertThat(afterwards.json().get("jobId").asText())
                .isEqualTo(done.get("jobId").asText());
        JsonNode jobs = api.get("/jobs?limit=10").json().get("jobs");
        assertThat(jobs).hasSize(1);
        assertThat(jobs.get(0).get("jobId").asText())
                .isEqualTo(done.get("jobId").asText());
        List<String> names = new ArrayList<>();
        api.get("/images?limit=10")
                .json()
                .get("images")
                .forEach(i -> names.add(i.get("name").asText()));
        assertThat(names).as("imported once").hasSize(3);
    }

    @Test
    void aPlainImportIsPolledAndAnotherUserCannotSeeIt() throws Exception {
        Http api = IntegrationsStack.as("import-plain-" + System.nanoTime());
        S3Client s3 = IntegrationsStack.get().aws().s3();
        ensureBucket(s3, BUCKET);
        String prefix = "plain-" + System.nanoTime() + "/";
        for (int i = 0; i < 3; i++)
            s3.putObject(
                    b -> b.bucket(BUCKET).key(prefix + "shoe-" + System.nanoTime() + ".png"),
                    software.amazon.awssdk.core.sync.RequestBody.fromBytes(Flows.png(20, 20)));
        Http.Reply started = api.post("/imports", "{\"source\":\"s3://" + BUCKET + "/" + prefix + "\"}");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String importId = started.json().get("importId").asText();
        JsonNode done = awaitImport(api, importId);
        assertThat(done.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(done.get("imported").asInt()).isEqualTo(3);
        assertThat(done.has("jobId")).isFalse();
        List<String> names = new ArrayList<>();
        api.get("/images?limit=10")
                .json()
                .get("images")
                .forEach(i -> names.add(i.get("name").asText()));
        assertThat(names).hasSize(3).allMatch(name -> name.startsWith("shoe-"));

        Http other = IntegrationsStack.as("import-other-" + System.nanoTime());
        assertThat(other.get("/imports/" + importId).status()).isEqualTo(404);
        assertThat(other.get("/imports/imp_nope").status()).isEqualTo(404);

        Http.Reply empty =
                api.post("/imports", "{\"source\":\"s3://" + BUCKET + "/nothing-here-" + System.nanoTime() + "/\"}");
        assertThat(empty.status()).isEqualTo(202);
        JsonNode failed = awaitImport(api, empty.json().get("importId").asText());
        assertThat(failed.get("status").asText()).isEqualTo("FAILED");
        assertThat(failed.get("error").asText()).contains("No objects");
    }

    @Test
    void sourcesOutsideTheGrantOrMalformedAreRefusedNamingTheField() throws Exception {
        Http api = IntegrationsStack.as("import-bad-" + System.nanoTime());
        assertThat(api.post("/imports", "{\"source\":\"s3://someone-elses-bucket/x/\"}")
                        .problemField())
                .isEqualTo("source");
        assertThat(api.post("/imports", "{\"source\":\"https://" + BUCKET + ".s3.amazonaws.com/x/\"}")
                        .problemField())
                .isEqualTo("source");
        assertThat(api.post("/imports", "{}").problemField()).isEqualTo("source");
        assertThat(api.post(
                                "/imports",
                                "{\"source\":\"s3://" + BUCKET
                                        + "/x/\",\"namePattern\":\"{sku}-{shade}.png\",\"project\":\"p\"}")
                        .problemField())
                .isEqualTo("namePattern");
        String job = "\"operation\":\"upscale\",\"provider\":\"local\",\"params\":{\"factor\":2}";
        assertThat(api.post("/jobs", "{" + job + ",\"source\":{\"s3\":\"s3://someone-elses-bucket/x/\"}}")
                        .problemField())
                .isEqualTo("source.s3");
        assertThat(api.post("/jobs", "{" + job + ",\"source\":\"s3://" + BUCKET + "/x/\"}")
                        .problemField())
                .isEqualTo("source");
        assertThat(api.post(
                                "/jobs",
                                "{" + job + ",\"source\":{\"s3\":\"s3://" + BUCKET
                                        + "/x/\",\"namePattern\":\"{sku}.png\"}}")
                        .problemField())
                .isEqualTo("source.project");
        assertThat(api.post(
                                "/jobs",
                                "{\"operation\":\"upscale\",\"provider\":\"local\",\"params\":{\"factor\":7},"
                                        + "\"source\":{\"s3\":\"s3://" + BUCKET + "/x/\"}}")
                        .problemField())
                .startsWith("params");
        assertThat(api.post(
                                "/jobs",
                                "{" + job + ",\"images\":[\"img_01KBF3Z6W8S4ABCDEFGHJKMNPQ\"],"
                                        + "\"source\":{\"s3\":\"s3://" + BUCKET + "/x/\"}}")
                        .problemField())
                .isEqualTo("source");
    }
}
