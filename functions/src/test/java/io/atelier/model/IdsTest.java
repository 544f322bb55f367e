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
        assertThat(ids).allSatisfy(id -> assertThat(Ids.looksLike("tsk", id)).isTrue());
        assertThat(ids).isSorted().doesNotHaveDuplicates();
        assertThat(Ids.image()).startsWith("img_").matches("img_[0-9A-Z]{26}");
        assertThat(Ids.looksLike("job", "job_../../etc")).isFalse();
    }
}
