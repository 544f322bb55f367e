package io.atelier.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CountsTest {
    @Test
    void jobStatusFollowsTheCounts() {
        assertThat(Counts.allQueued(3).status(false)).isEqualTo(JobStatus.QUEUED);
        assertThat(new Counts(3, 2, 1, 0, 0, 0, 0).status(false)).isEqualTo(JobStatus.RUNNING);
        assertThat(new Counts(3, 1, 0, 0, 2, 0, 0).status(false)).isEqualTo(JobStatus.RUNNING);
        assertThat(new Counts(3, 0, 0, 0, 3, 0, 0).status(false)).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(new Counts(3, 0, 0, 0, 2, 1, 0).status(false)).isEqualTo(JobStatus.PARTIAL);
        assertThat(new Counts(3, 0, 0, 0, 1, 0, 2).status(true)).isEqualTo(JobStatus.PARTIAL);
        assertThat(new Counts(3, 0, 0, 0, 0, 3, 0).status(false)).isEqualTo(JobStatus.FAILED);
        assertThat(new Counts(3, 0, 0, 0, 0, 1, 2).status(true)).isEqualTo(JobStatus.CANCELED);
        assertThat(new Counts(3, 0, 0, 0, 0, 0, 3).status(false)).isEqualTo(JobStatus.CANCELED);
    }
}
