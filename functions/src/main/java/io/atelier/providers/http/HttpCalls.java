package io.atelier.providers.http;

import io.atelier.model.ErrorCode;
import io.atelier.providers.ProviderException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/** Runs one request and reads the whole answer; transport faults become the pipeline's retryable errors. */
public final class HttpCalls {
    /** A base64 image of the largest accepted size, with room for JSON around it. */
    public static final long MAX_ANSWER_BYTES = 96L * 1024 * 1024;

    private HttpCalls() {}

    public static HttpAnswer execute(OkHttpClient client, Request request, String provider) throws ProviderException {
        try (Response response = client.newCall(request).execute()) {
            return new HttpAnswer(response.code(), response.headers(), readCapped(response.body(), provider));
        } catch (InterruptedIOException e) {
            // Connect, read and whole-call timeouts all land here.
            throw new ProviderException(ErrorCode.PROVIDER_UNAVAILABLE, provider + " did not answer in time.");
        } catch (IOException e) {
            // Refused connections, resets and truncated bodies: the provider was not reachable as it should be.
            throw new ProviderException(
                    ErrorCode.PROVIDER_UNAVAILABLE,
                    provider + " could not be reached or broke off its answer ("
                            + e.getClass().getSimpleName() + ").");
        }
    }

    private static byte[] readCapped(ResponseBody body, String provider) throws IOException, ProviderException {
        if (body == null) return new byte[0];
        long declared = body.contentLength();
        if (declared > MAX_ANSWER_BYTES) throw tooLarge(provider);
        try (InputStream in = body.byteStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 8192);
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = in.read(buffer)) != -1; ) {
                total += n;
                if (total > MAX_ANSWER_BYTES) throw tooLarge(provider);
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }

    private static ProviderException tooLarge(String provider) {
        return new ProviderException(
                ErrorCode.PROVIDER_INVALID_REQUEST,
                provider + " answered with more than " + MAX_ANSWER_BYTES / (1024 * 1024)
                        + " MiB; Atelier does not accept results that large.");
    }
}
