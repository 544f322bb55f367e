package io.atelier.core;

import java.time.Instant;

/** Time as a port, so tests can move it (lease expiry) without sleeping. */
@FunctionalInterface
public interface Clock {
    Instant now();

    Clock SYSTEM = Instant::now;
}
