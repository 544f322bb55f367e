package io.atelier.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.json.Json;
import io.atelier.logging.LogContext;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Subsegments as the X-Ray daemon receives them: a UDP socket stands in for it, a MockWebServer for the services. */
class XRayTest {
    private static final String SAMPLED = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
    private final DatagramSocket daemon = socket();
    private final MockWebServer server = new MockWebServer();
    private String header = SAMPLED;
    private final XRay tracer =
            new XRay(() -> header, new InetSocketAddress(InetAddress.getLoopbackAddress(), daemon.getLocalPort()));

    private static DatagramSocket socket() {
        try {
            DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
            socket.setSoTimeout(2000);
            return socket;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeEach
    void start() throws Exception {
        server.start();
        LogContext.begin("req-1");
        LogContext.put(LogContext.JOB_ID, "job_01");
        LogContext.put(LogContext.TASK_ID, "tsk_01");
    }

    @AfterEach
    void stop() {
        server.close();
        daemon.close();
        LogContext.clear();
    }

    /** The next packet: the daemon's header line, then the subsegment. */
    private JsonNode received() throws Exception {
        DatagramPacket packet = new DatagramPacket(new byte[65536], 65536);
        daemon.receive(packet);
        String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
        String[] parts = text.split("\n", 2);
        assertThat(Json.tree(parts[0]).get("format").asText()).isEqualTo("json");
        assertThat(Json.tree(parts[0]).get("version").asInt()).isEqualTo(1);
        return Json.tree(parts[1]);
    }

    @Test
    void aProviderCallIsARemoteSubsegmentWithTheTasksIdsAndNoQueryString() throws Exception {
        server.enqueue(new MockResponse.Builder().code(429).body("slow down").build());
        OkHttpClient client = new OkHttpClient.Builder()
                .addInterceptor(new HttpCallTracing(tracer))
                .build();
        String url = server.url("/v1/models/edit")
                .newBuilder()
                .addQueryParameter("key", "secret-key-123")
                .build()
                .toString();
        try (var response =
                client.newCall(new Request.Builder().url(url).build()).execute()) {
            assertThat(response.code()).isEqualTo(429);
        }
        JsonNode segment = received();
        assertThat(segment.get("type").asText()).isEqualTo("subsegment");
        assertThat(segment.get("trace_id").asText()).isEqualTo("1-5759e988-bd862e3fe1be46a994272793");
        assertThat(segment.get("parent_id").asText()).isEqualTo("53995c3f42cd8ad8");
        assertThat(segment.get("id").asText()).matches("[0-9a-f]{16}");
        assertThat(segment.get("namespace").asText()).isEqualTo("remote");
        assertThat(segment.get("name").asText()).isEqualTo(server.getHostName());
        assertThat(segment.get("end_time").asDouble())
                .isGreaterThanOrEqualTo(segment.get("start_time").asDouble());
        assertThat(segment.get("annotations").get("job_id").asText()).isEqualTo("job_01");
        assertThat(segment.get("annotations").get("task_id").asText()).isEqualTo("tsk_01");
        assertThat(segment.get("http").get("request").get("url").asText()).endsWith("/v1/models/edit");
        assertThat(segment.get("http").get("response").get("status").asInt()).isEqualTo(429);
        assertThat(segment.get("throttle").asBoolean()).isTrue();
        assertThat(segment.toString()).doesNotContain("secret-key-123");
    }

    @Test
    void anAwsSdkCallIsAnAwsSubsegmentWithItsOperationAndRequestId() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .addHeader("x-amzn-RequestId", "RID-42")
                .addHeader("Content-Type", "application/x-amz-json-1.0")
                .body("{\"TableNames\":[]}")
                .build());
        try (DynamoDbClient dynamo = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(URI.create(server.url("/").toString()))
                .region(Region.EU_WEST_1)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .addExecutionInterceptor(new AwsCallTracing(tracer))
                        .build())
                .build()) {
            dynamo.listTables();
        }
        JsonNode segment = received();
        assertThat(segment.get("namespace").asText()).isEqualTo("aws");
        assertThat(segment.get("name").asText()).isEqualTo("DynamoDb");
        assertThat(segment.get("aws").get("operation").asText()).isEqualTo("ListTables");
        assertThat(segment.get("aws").get("region").asText()).isEqualTo("eu-west-1");
        assertThat(segment.get("aws").get("request_id").asText()).isEqualTo("RID-42");
        assertThat(segment.get("http").get("response").get("status").asInt()).isEqualTo(200);
        assertThat(segment.has("fault")).isFalse();
        assertThat(segment.get("annotations").get("job_id").asText()).isEqualTo("job_01");
    }

    @Test
    void anUnsampledOrUntracedCallSendsNothing() throws Exception {
        OkHttpClient client = new OkHttpClient.Builder()
                .addInterceptor(new HttpCallTracing(tracer))
                .build();
        for (String unsampled :
                new String[] {"Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0", null}) {
            header = unsampled;
            server.enqueue(new MockResponse.Builder().code(200).build());
            client.newCall(new Request.Builder().url(server.url("/")).build())
                    .execute()
                    .close();
        }
        daemon.setSoTimeout(300);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(this::received))
                .isInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void theDaemonAddressIsReadAsLambdaGivesIt() {
        assertThat(XRay.daemon("169.254.79.129:2000").getPort()).isEqualTo(2000);
        assertThat(XRay.daemon("tcp:127.0.0.1:2000 udp:127.0.0.2:2001").getHostString())
                .isEqualTo("127.0.0.2");
        assertThat(XRay.daemon(null).getPort()).isEqualTo(2000);
    }
}
