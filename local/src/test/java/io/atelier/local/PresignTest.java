package io.atelier.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/** S3Proxy verifies SigV4 presigned URLs as S3 does: the browser upload path works, a tampered URL does not. */
class PresignTest {

    private static PresignedPutObjectRequest presignPut(String key) throws Exception {
        AtelierLocal local = TestStack.get();
        try (S3Presigner presigner = local.aws().presigner()) {
            return presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(o ->
                            o.bucket(local.bucketName("MediaBucket")).key(key).contentType("image/png")));
        }
    }

    private static int put(URI url, String contentType) throws Exception {
        HttpResponse<String> response = TestStack.send(HttpRequest.newBuilder(url)
                .header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[] {(byte) 0x89, 'P', 'N', 'G'})));
        return response.statusCode();
    }

    @Test
    void presignedPutWithTheSignedContentTypeUploads() throws Exception {
        String key = "uploads/presign/" + UUID.randomUUID();
        PresignedPutObjectRequest presigned = presignPut(key);
        assertThat(presigned.signedHeaders()).containsKey("content-type");

        assertThat(put(presigned.url().toURI(), "image/png")).isEqualTo(200);
        AtelierLocal local = TestStack.get();
        var head = local.aws()
                .s3()
                .headObject(b -> b.bucket(local.bucketName("MediaBucket")).key(key));
        assertThat(head.contentLength()).isEqualTo(4L);
        assertThat(head.contentType()).isEqualTo("image/png");
    }

    @Test
    void tamperedUrlOrOtherContentTypeIsForbidden() throws Exception {
        String key = "uploads/presign/" + UUID.randomUUID();
        URI url = presignPut(key).url().toURI();
        URI otherKey = URI.create(url.toString().replace(key, key + "x"));
        URI longerLife = URI.create(url.toString().replace("X-Amz-Expires=300", "X-Amz-Expires=3000"));

        assertThat(put(otherKey, "image/png")).isEqualTo(403);
        assertThat(put(longerLife, "image/png")).isEqualTo(403);
        assertThat(put(url, "image/jpeg")).isEqualTo(403);
    }
}
