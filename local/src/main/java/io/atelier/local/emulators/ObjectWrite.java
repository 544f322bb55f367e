package io.atelier.local.emulators;

import io.atelier.local.apigw.PercentDecoding;
import java.util.Locale;
import java.util.Optional;

/**
 * The object a (path-style) S3 request creates when it succeeds, named as S3's event notifications name it:
 * {@code PUT /bucket/key} is {@code ObjectCreated:Put}, or {@code ObjectCreated:Copy} with {@code x-amz-copy-source};
 * {@code POST /bucket/key?uploadId=…} is {@code ObjectCreated:CompleteMultipartUpload}. A PUT of a part or of a
 * subresource ({@code ?tagging}, {@code ?acl}, …) creates nothing; presigned URLs' {@code X-Amz-*} parameters and
 * the SDK's {@code x-id} are not subresources. {@code size} is a plain PUT's, as its headers declare it (the decoded
 * length of an {@code aws-chunked} body); -1 for a copy, a completed multipart upload or a body of unknown length.
 */
record ObjectWrite(String bucket, String key, String eventName, long size) {

    static Optional<ObjectWrite> of(HttpHead request) {
        String target = request.target();
        int question = target.indexOf('?');
        String path = question < 0 ? target : target.substring(0, question);
        String query = question < 0 ? "" : target.substring(question + 1);
        int slash = path.indexOf('/', 1);
        if (!path.startsWith("/") || slash < 0 || slash == path.length() - 1) {
            return Optional.empty(); // the service or a bucket, not an object
        }
        String bucket = PercentDecoding.decode(path.substring(1, slash));
        String key = PercentDecoding.decode(path.substring(slash + 1));
        boolean subresource = false;
        boolean upload = false;
        for (String parameter : query.split("&")) {
            String name = parameter.split("=", 2)[0].toLowerCase(Locale.ROOT);
            if (name.equals("uploadid")) {
                upload = true;
            } else if (!name.isEmpty() && !name.startsWith("x-amz-") && !name.equals("x-id")) {
                subresource = true;
            }
        }
        boolean copy = request.header("x-amz-copy-source") != null;
        return switch (request.method()) {
            case "PUT" ->
                subresource || upload
                        ? Optional.empty()
                        : Optional.of(new ObjectWrite(
                                bucket,
                                key,
                                copy ? "ObjectCreated:Copy" : "ObjectCreated:Put",
                                copy ? -1 : declaredSize(request)));
            case "POST" ->
                upload && !subresource
                        ? Optional.of(new ObjectWrite(bucket, key, "ObjectCreated:CompleteMultipartUpload", -1))
                        : Optional.empty();
            default -> Optional.empty();
        };
    }

    private static long declaredSize(HttpHead request) {
        String decoded = request.header("x-amz-decoded-content-length");
        String encoding = request.header("content-encoding");
        String length = decoded != null
                ? decoded
                : encoding != null && encoding.toLowerCase(Locale.ROOT).contains("aws-chunked")
                        ? null
                        : request.header("content-length");
        try {
            return length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
