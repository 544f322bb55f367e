package io.atelier.store.s3;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Presigned download URLs handed out again for a few minutes: a list the web app polls every second or two names
 * the same previews with the same URLs, so the browser's cache serves them and nothing is signed twice (signing was
 * half of a list's CPU). Each URL is signed for {@code ttl + REUSE} and handed out only during its first
 * {@code REUSE}, so every answer stays valid at least as long as asked. Wall-clock time: a SnapStart restore moves it
 * on, where a monotonic clock may not.
 */
final class ReusedUrls {
    static final Duration REUSE = Duration.ofMinutes(5);
    /**
     * A few MB (a URL with Lambda's session token is about 1.5 KB): 25 pages of 200 images with their previews. Past
     * that the cache starts again empty rather than track what is oldest.
     */
    private static final int MAX_URLS = 5_000;

    private record Signed(URI url, Instant handedOutUntil) {}

    private final ConcurrentHashMap<String, Signed> urls = new ConcurrentHashMap<>();
    private final Clock clock;

    ReusedUrls(Clock clock) {
        this.clock = clock;
    }

    /** The URL for {@code what} valid at least {@code ttl} from now; {@code sign} signs for the duration it is given. */
    URI get(String what, Duration ttl, Function<Duration, URI> sign) {
        Instant now = clock.instant();
        String key = ttl.toSeconds() + "\n" + what;
        Signed signed = urls.get(key);
        if (signed != null && now.isBefore(signed.handedOutUntil())) return signed.url();
        if (urls.size() >= MAX_URLS) urls.clear();
        Signed fresh = new Signed(sign.apply(ttl.plus(REUSE)), now.plus(REUSE));
        urls.put(key, fresh);
        return fresh.url();
    }
}
