package io.atelier.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atelier.json.Json;
import io.atelier.model.FieldError;
import io.atelier.model.Job;
import io.atelier.model.Task;
import io.atelier.store.PageRequest;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** POST /jobs with a manifest: its rows become the items, or the whole job is refused and nothing queued. */
class ManifestJobsTest {
    private final CoreFixture fixture = new CoreFixture();

    private Job submit(String owner, String manifest, String extra) throws Exception {
        String body = "{\"operation\":\"upscale\",\"provider\":\"local\",\"params\":{\"factor\":2}" + extra
                + ",\"manifest\":{\"format\":\"csv\",\"text\":" + Json.write(manifest) + "}}";
        return fixture.jobService().submit(owner, Json.tree(body), Optional.empty());
    }

    @Test
    void rowsByNameOrIdBecomeTheJobsItems() throws Exception {
        String a = fixture.readyImage("u", 8, 8);
        String b = fixture.readyImage("u", 8, 8);
        Job job = submit("u", "image,customId,param.factor\n" + a + ".png,first,\n" + b + ",second,4\n", "");
        var tasks = fixture.jobs
                .listTasks(job.jobId(), null, new PageRequest(10, null))
                .items();
        assertThat(tasks).extracting(Task::customId).containsExactlyInAnyOrder("first", "second");
        assertThat(tasks)
                .filteredOn(task -> task.customId().equals("second"))
                .first()
                .satisfies(task -> assertThat(task.params()).containsEntry("factor", 4L));
        assertThat(fixture.queue.sent).hasSize(2);
    }

    @Test
    void unknownOrForeignImagesAndCollidingNamesStartNothing() {
        String mine = fixture.readyImage("u", 8, 8);
        String theirs = fixture.readyImage("other", 8, 8);
        assertThatThrownBy(() -> submit("u", "image\n" + mine + "\n" + theirs + "\nghost.png\n", ""))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::field)
                                .containsExactly("row 3, image", "row 4, image"));
        String second = fixture.readyImage("u", 8, 8);
        assertThatThrownBy(() -> submit(
                        "u",
                        "image,customId\n" + mine + ",x\n" + second + ",x\n",
                        ",\"outputName\":\"{customId}.{ext}\""))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::field)
                                .containsExactly("row 3, outputName"));
        assertThatThrownBy(() -> submit("u", "image\n" + mine + "\n", ",\"outputName\":\"{shade}.{ext}\""))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::field)
                                .containsExactly("outputName"));
        assertThat(fixture.queue.sent).isEmpty();
    }
}
