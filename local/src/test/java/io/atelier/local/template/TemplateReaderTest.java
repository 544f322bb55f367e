package io.atelier.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateReaderTest {

    private static Path testTemplate() throws URISyntaxException {
        return Path.of(
                TemplateReaderTest.class.getResource("/test-template.yaml").toURI());
    }

    private static TemplateReader reader(Map<String, String> overrides) throws Exception {
        Template template = Template.load(testTemplate(), overrides);
        template.queueUrl("TasksQueue", "http://127.0.0.1:9/000000000000/atelier-tasks");
        template.queueUrl("TasksDeadLetterQueue", "http://127.0.0.1:9/000000000000/atelier-tasks-dlq");
        return new TemplateReader(template);
    }

    @Test
    void shortFormTagsBecomeLongForm() {
        Map<String, Object> doc = CfnYaml.parse("""
                A: !Ref X
                B: !GetAtt Queue.Arn
                C: !Sub ["${a}", {a: !Ref Y}]
                D: !If [Cond, !Equals [1, 1], !Not [!Condition Other]]
                E: !Join ["", [!Select [0, !Split [",", "a,b"]]]]
                F: 2010-09-09
                """);
        assertThat(doc.get("A")).isEqualTo(Map.of("Ref", "X"));
        assertThat(doc.get("B")).isEqualTo(Map.of("Fn::GetAtt", List.of("Queue", "Arn")));
        assertThat(doc.get("C")).isEqualTo(Map.of("Fn::Sub", List.of("${a}", Map.of("a", Map.of("Ref", "Y")))));
        assertThat(doc.get("D"))
                .isEqualTo(Map.of(
                        "Fn::If",
                        List.of(
                                "Cond",
                                Map.of("Fn::Equals", List.of(1, 1)),
                                Map.of("Fn::Not", List.of(Map.of("Condition", "Other"))))));
        assertThat(doc.get("E"))
                .isEqualTo(Map.of(
                        "Fn::Join",
                        List.of(
                                "",
                                List.of(Map.of("Fn::Select", List.of(0, Map.of("Fn::Split", List.of(",", "a,b"))))))));
        assertThat(doc.get("F")).isEqualTo("2010-09-09");
    }

    @Test
    void resourcesResolveWithParametersConditionsAndIntrinsics() throws Exception {
        TemplateReader reader = reader(Map.of());

        assertThat(reader.tables()).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("atelier-test");
            assertThat(t.properties().get("KeySchema")).asList().hasSize(2);
        });
        List<QueueSpec> queues = reader.queues();
        assertThat(queues).extracting(QueueSpec::name).containsExactly("atelier-tasks-dlq", "atelier-tasks");
        QueueSpec tasks = queues.get(1);
        assertThat(tasks.deadLetterQueueName()).isEqualTo("atelier-tasks-dlq");
        assertThat(tasks.attributes()).containsEntry("VisibilityTimeout", "1");
        assertThat(new ObjectMapper().readTree(tasks.attributes().get("RedrivePolicy")))
                .isEqualTo(new ObjectMapper().readTree("""
                        {"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:atelier-tasks-dlq",
                         "maxReceiveCount":"2"}"""));
        assertThat(reader.buckets()).extracting(BucketSpec::name).containsExactly("atelier-media-000000000000");
    }

    @Test
    void globalsMergeIntoEveryFunction() throws Exception {
        Map<String, FunctionSpec> functions = byId(reader(Map.of()).functions());

        FunctionSpec echo = functions.get("EchoFunction");
        assertThat(echo.handlerClass()).isEqualTo("io.atelier.local.testfn.EchoHandler");
        assertThat(echo.handlerMethod()).isEqualTo("handleRequest");
        assertThat(echo.timeoutSeconds()).isEqualTo(10);
        assertThat(echo.memoryMb()).isEqualTo(512);
        assertThat(echo.functionName()).isEqualTo("atelier-EchoFunction");
        assertThat(echo.environment())
                .containsEntry("FUNCTION_ONLY", "echo")
                .containsEntry("TABLE_NAME", "atelier-test")
                .containsEntry("BUCKET_NAME", "atelier-media-000000000000")
                .containsEntry("QUEUE_URL", "http://127.0.0.1:9/000000000000/atelier-tasks")
                .containsEntry("QUEUE_ARN", "arn:aws:sqs:us-east-1:000000000000:atelier-tasks")
                .containsEntry("STAGE_LABEL", "test-us-east-1")
                .containsEntry("FIRST_ORIGIN", "https://app.example.com")
                .containsEntry("JOINED", "a|b|c")
                .containsEntry("LITERAL", "${NotAVariable}/atelier-media-000000000000")
                .containsEntry("AWS_ENDPOINT_URL", "")
                .doesNotContainKey("ALARMS");
        assertThat(echo.ignoredEvents()).isEmpty();
        assertThat(echo.schedules()).singleElement().satisfies(schedule -> {
            assertThat(schedule.eventId()).isEqualTo("Nightly");
            assertThat(schedule.rate()).contains(java.time.Duration.ofDays(1));
        });
        assertThat(new ScheduleSpec("F", "E", "cron(0 12 * * ? *)", true).rate())
                .isEmpty();
        assertThat(new ScheduleSpec("F", "E", "rate(5 minutes)", true).rate())
                .contains(java.time.Duration.ofMinutes(5));
        assertThat(functions.get("UploadEventsFunction").timeoutSeconds()).isEqualTo(30);
        assertThat(functions.get("WorkerFunction").environment()).doesNotContainKey("FUNCTION_ONLY");
    }

    @Test
    void eventsBecomeRoutesAndSources() throws Exception {
        Map<String, FunctionSpec> functions = byId(reader(Map.of()).functions());

        assertThat(functions.get("EchoFunction").routes())
                .extracting(HttpRouteSpec::routeKey, HttpRouteSpec::authorized)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("GET /echo/{id}", true),
                        org.assertj.core.groups.Tuple.tuple("GET /health", false),
                        org.assertj.core.groups.Tuple.tuple("GET /boom", true));
        assertThat(functions.get("WorkerFunction").sqsSources()).singleElement().satisfies(s -> {
            assertThat(s.queueName()).isEqualTo("atelier-tasks");
            assertThat(s.batchSize()).isEqualTo(5);
            assertThat(s.maxConcurrency()).isEqualTo(2);
            assertThat(s.reportBatchItemFailures()).isTrue();
        });
        assertThat(functions.get("UploadEventsFunction").s3Sources())
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.bucketName()).isEqualTo("atelier-media-000000000000");
                    assertThat(s.prefix()).isEqualTo("uploads/");
                    assertThat(s.wantsObjectCreated()).isTrue();
                });
    }

    @Test
    void corsComesFromGlobals() throws Exception {
        CorsSpec cors = reader(Map.of()).cors();
        assertThat(cors.allowOrigins()).containsExactly("https://app.example.com", "https://admin.example.com");
        assertThat(cors.maxAge()).isEqualTo(600);
        assertThat(cors.exposeHeaders()).containsExactly("etag");
    }

    @Test
    void overridesChangeConditionsAndValues() throws Exception {
        TemplateReader prod = reader(Map.of("Stage", "prod", "WorkerBatchSize", "10"));
        assertThat(prod.queues()).extracting(QueueSpec::logicalId).contains("ProdOnlyQueue");
        Map<String, FunctionSpec> functions = byId(prod.functions());
        assertThat(functions.get("EchoFunction").environment())
                .containsEntry("STAGE_LABEL", "production")
                .containsEntry("ALARMS", "on");
        assertThat(functions.get("EchoFunction").memoryMb()).isEqualTo(1024);
        assertThat(functions.get("WorkerFunction").sqsSources().get(0).batchSize())
                .isEqualTo(10);
    }

    @Test
    void badParametersAreReportedByName() {
        assertThatThrownBy(() -> Template.load(testTemplate(), Map.of("Stage", "qa")))
                .hasMessageContaining("Stage=qa");
        assertThatThrownBy(() -> Template.load(testTemplate(), Map.of("Nope", "1")))
                .hasMessageContaining("Nope");
        assertThatThrownBy(() -> Template.parse("""
                Parameters:
                  Needed: {Type: String}
                """, Map.of()))
                .hasMessageContaining("Needed")
                .hasMessageContaining("--parameter-overrides");
    }

    @Test
    void unresolvableReferencesNameTheirPlace() throws IOException {
        Template template = Template.parse("""
                Resources:
                  Q:
                    Type: AWS::SQS::Queue
                    Properties:
                      QueueName: !Ref Missing
                """, Map.of());
        assertThatThrownBy(() -> new TemplateReader(template).queues())
                .hasMessageContaining("Q.QueueName")
                .hasMessageContaining("Missing");
    }

    private static Map<String, FunctionSpec> byId(List<FunctionSpec> functions) {
        return functions.stream().collect(java.util.stream.Collectors.toMap(FunctionSpec::logicalId, f -> f));
    }
}
