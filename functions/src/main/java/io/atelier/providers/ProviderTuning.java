package io.atelier.providers;

import io.atelier.providers.http.ProviderHttp.Timeouts;

/**
 * What an adapter runs within that a deployment leaves at the adapter's defaults and tests shorten: the time limits of
 * its calls and of its polls, and a ceiling on the bytes of any input it sends (below the provider's own limit), so a
 * small image can stand for an oversized one.
 */
public record ProviderTuning(Timeouts calls, Timeouts polls, long maxInputBytes) {
    /** No ceiling beyond the provider's own limits. */
    public static final long PROVIDER_LIMIT = Long.MAX_VALUE;

    public static ProviderTuning of(Timeouts calls, Timeouts polls) {
        return new ProviderTuning(calls, polls, PROVIDER_LIMIT);
    }

    /** The same time limits for calls and polls. */
    public static ProviderTuning of(Timeouts timeouts) {
        return of(timeouts, timeouts);
    }

    public ProviderTuning withMaxInputBytes(long bytes) {
        return new ProviderTuning(calls, polls, bytes);
    }

    /** {@code limits} with the byte ceiling applied. */
    InputLimits cap(InputLimits limits) {
        return maxInputBytes >= limits.maxBytes() ? limits : limits.withMaxBytes(maxInputBytes);
    }
}
