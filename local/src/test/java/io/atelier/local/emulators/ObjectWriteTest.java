package io.atelier.local.emulators;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which S3 requests create an object, as S3's event notifications count them. */
class ObjectWriteTest {

    private static Optional<ObjectWrite> of(String head) {
        return ObjectWrite.of(
                HttpHead.parse((head + "\r\nHost: 127.0.0.1:9000\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void putsCopiesAndCompletedUploadsCreateObjects() {
        assertThat(of("PUT /media/uploads/alice/img_1 HTTP/1.1\r\nContent-Length: 1234"))
                .contains(new ObjectWrite("media", "uploads/alice/img_1", "ObjectCreated:Put", 1234));
        assertThat(
                        of(
                                "PUT /media/uploads/a%20b+c.png?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=ab&x-id=PutObject HTTP/1.1"))
                .contains(new ObjectWrite("media", "uploads/a b+c.png", "ObjectCreated:Put", -1));
        assertThat(
                        of(
                                "PUT /media/uploads/copy HTTP/1.1\r\nx-amz-copy-source: /media/uploads/alice/img_1\r\nContent-Length: 0"))
                .contains(new ObjectWrite("media", "uploads/copy", "ObjectCreated:Copy", -1));
        assertThat(of("POST /media/results/big.zip?uploadId=abc HTTP/1.1"))
                .contains(new ObjectWrite("media", "results/big.zip", "ObjectCreated:CompleteMultipartUpload", -1));
    }

    @Test
    void aPutsSizeIsItsDecodedLengthAndUnknownForAChunkedBodyWithoutOne() {
        String put = "PUT /media/uploads/alice/img_1 HTTP/1.1\r\n";
        assertThat(of(put
                        + "Content-Encoding: aws-chunked\r\nContent-Length: 300\r\nx-amz-decoded-content-length: 200"))
                .map(ObjectWrite::size)
                .contains(200L);
        assertThat(of(put + "Content-Encoding: aws-chunked\r\nContent-Length: 300"))
                .map(ObjectWrite::size)
                .contains(-1L);
        assertThat(of(put + "Transfer-Encoding: chunked"))
                .map(ObjectWrite::size)
                .contains(-1L);
    }

    @Test
    void partsSubresourcesReadsAndBucketsCreateNone() {
        assertThat(of("PUT /media/results/big.zip?partNumber=1&uploadId=abc HTTP/1.1"))
                .isEmpty();
        assertThat(of("POST /media/results/big.zip?uploads HTTP/1.1")).isEmpty();
        assertThat(of("PUT /media/uploads/alice/img_1?tagging HTTP/1.1")).isEmpty();
        assertThat(of("PUT /media/uploads/alice/img_1?acl HTTP/1.1")).isEmpty();
        assertThat(of("GET /media/uploads/alice/img_1 HTTP/1.1")).isEmpty();
        assertThat(of("DELETE /media/uploads/alice/img_1 HTTP/1.1")).isEmpty();
        assertThat(of("PUT /media HTTP/1.1")).isEmpty();
        assertThat(of("PUT /media/ HTTP/1.1")).isEmpty();
        assertThat(of("POST /media?delete HTTP/1.1")).isEmpty();
    }
}
