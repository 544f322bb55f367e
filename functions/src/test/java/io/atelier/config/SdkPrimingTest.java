package io.atelier.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SdkPrimingTest {
    /** Each primed call that goes over HTTP reaches the canned client once: nothing fails before the wire, nothing is retried. */
    @Test
    void everyPrimedCallReachesTheCannedWireOnce() {
        assertThat(SdkPriming.run()).isEqualTo(11);
    }
}
