package io.atelier.providers;

import io.atelier.imaging.ImageHeader;
import io.atelier.imaging.ImageInspector;
import io.atelier.imaging.ImageRejectedException;
import io.atelier.providers.http.Failures;
import io.atelier.providers.http.HttpAnswer;
import io.atelier.providers.http.HttpCalls;
import java.util.Base64;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/** Results as providers hand them over (bytes, base64, a short-lived URL), checked and measured like uploads. */
public final class ResultImages {
    private ResultImages() {}

    /** Reads format and size from the header; a provider's "image" that is not one is a malformed answer. */
    public static ProviderResult fromBytes(String provider, byte[] bytes, String model, Map<String, Object> provenance)
            throws ProviderException {
        try {
            ImageHeader header = ImageInspector.inspect(bytes);
            return new ProviderResult(bytes, header.format(), header.width(), header.height(), model, provenance);
        } catch (ImageRejectedException e) {
            throw Failures.malformed(provider, "its image could not be read (" + e.getMessage() + ")");
        }
    }

    public static ProviderResult fromBase64(
            String provider, String base64, String model, Map<String, Object> provenance) throws ProviderException {
        if (base64 == null || base64.isEmpty()) throw Failures.malformed(provider, "no image data");
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw Failures.malformed(provider, "the image was not valid base64");
        }
        return fromBytes(provider, bytes, model, provenance);
    }

    /**
     * Copies a result from the provider's temporary URL (DashScope's and Ark's expire after 24 h) so Atelier's result
     * never depends on it. The URL is not repeated in errors: it carries the provider's signature.
     */
    public static ProviderResult download(
            OkHttpClient client, String provider, String url, String model, Map<String, Object> provenance)
            throws ProviderException {
        Request request;
        try {
            request = new Request.Builder().url(url).get().build();
        } catch (IllegalArgumentException e) {
            throw Failures.malformed(provider, "the result URL was not a valid URL");
        }
        HttpAnswer answer = HttpCalls.execute(client, request, provider);
        if (!answer.ok()) {
            throw Failures.forStatus(provider + " (result download)", answer.status(), null, null);
        }
        return fromBytes(provider, answer.body(), model, provenance);
    }
}
