package io.atelier.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdsTest {
    @Test
    void idsArePrefixedUrlSafeAndSortInCreationOrder() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 2000; i++) ids.add(Ids.task());
        assertThat(ids).allSatisfy(id -> assertThat(looksLike("tsk", id)).isTrue());
        assertThat(ids).isSorted().doesNotHaveDuplicates();
        assertThat(Ids.image()).startsWith("img_").matches("img_[0-9A-Z]{26}");
        assertThat(looksLike("job", "job_../../etc")).isFalse();
    }

    @Test
    void onlyIdsOfTheRightKindAndShapeAreValid() {
        String job = Ids.job();
        assertThat(Ids.isValid(Ids.JOB, job)).isTrue();
        assertThat(Ids.isValid(Ids.TASK, job)).isFalse();
        assertThat(Ids.isValid(Ids.JOB, job.toLowerCase())).isFalse();
        assertThat(Ids.isValid(Ids.JOB, job + "A")).isFalse();
        assertThat(Ids.isValid(Ids.JOB, job.substring(0, 30) + "U")).isFalse(); // not Crockford base32
        assertThat(Ids.isValid(Ids.JOB, "job_" + "A".repeat(1000))).isFalse();
        assertThat(Ids.isValid(Ids.IMAGE, "img_../../../../../../../etc")).isFalse();
        assertThat(Ids.isValid(Ids.IMAGE, null)).isFalse();
    }

    @Test
    void anIdTellsWhenItWasMade() {
        long before = System.currentTimeMillis();
        String id = Ids.job();
        assertThat(Ids.millis(id)).isBetween(before, System.currentTimeMillis());
    }

    /** Prefix, underscore, then 26 characters of Crockford base32. */
    private static boolean looksLike(String prefix, String id) {
        return id != null
                && id.length() == prefix.length() + 27
                && id.startsWith(prefix + "_")
                && id.substring(prefix.length() + 1)
                        .chars()
                        .allMatch(c -> c < 128 && "0123456789ABCDEFGHJKMNPQRSTVWXYZ".indexOf(c) >= 0);
    }
}
