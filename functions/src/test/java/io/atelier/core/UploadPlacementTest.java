package io.atelier.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atelier.http.Representations;
import io.atelier.json.Json;
import io.atelier.model.FieldError;
import io.atelier.model.ImageRecord;
import io.atelier.model.Placement;
import io.atelier.store.PageRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Uploads filed in a project: by each file's own fields or by a name pattern; and what is refused. */
class UploadPlacementTest {
    private final CoreFixture fixture = new CoreFixture();
    private final UploadService uploads =
            new UploadService(fixture.images, fixture.blobs, fixture.limits, fixture.clock);

    @Test
    void aPatternFilesEveryFileAndAFilesOwnFieldsWin() throws Exception {
        uploads.createUploads("u", Json.tree("""
                {"project":"spring","namePattern":"{sku}-{role}.jpg","files":[
                 {"name":"sku-104-main.jpg","contentType":"image/jpeg","size":10},
                 {"name":"sku-104-back.jpg","contentType":"image/jpeg","size":10},
                 {"name":"anything.png","contentType":"image/png","size":10,"sku":"SKU-9","role":"main"}]}"""));
        List<Placement> placements =
                fixture.images.listInProject("u", "spring", null, new PageRequest(10, null)).items().stream()
                        .map(ImageRecord::placement)
                        .toList();
        assertThat(placements)
                .containsExactlyInAnyOrder(
                        new Placement("spring", "SKU-9", "main"),
                        new Placement("spring", "sku-104", "main"),
                        new Placement("spring", "sku-104", "back"));
        assertThat(fixture.images.findProject("u", "spring").orElseThrow().images())
                .isEqualTo(3);
    }

    @Test
    void theTicketsEchoTheSkuAndRole() throws Exception {
        Map<String, Object> answer = Representations.uploads(uploads.createUploads("u", Json.tree("""
                {"files":[{"name":"a.jpg","contentType":"image/jpeg","size":10,"project":"p","sku":"S1","role":"main"}]}""")));
        @SuppressWarnings("unchecked")
        Map<String, Object> ticket = ((List<Map<String, Object>>) answer.get("uploads")).get(0);
        assertThat(ticket)
                .containsEntry("project", "p")
                .containsEntry("sku", "S1")
                .containsEntry("role", "main");
    }

    @Test
    void everyBadPlacementIsNamedAndNothingIsStored() {
        assertThatThrownBy(() -> uploads.createUploads("u", Json.tree("""
                {"project":"p","namePattern":"{sku}-{role}.jpg","files":[
                 {"name":"nodash.jpg","contentType":"image/jpeg","size":10},
                 {"name":"a-b.jpg","contentType":"image/jpeg","size":10,"sku":"has#hash"},
                 {"name":"c-d.jpg","contentType":"image/jpeg","size":10,"role":7}]}""")))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::field)
                                .containsExactly("files[0].name", "files[1].sku", "files[2].role"));
        assertThatThrownBy(() -> uploads.createUploads("u", Json.tree("""
                {"files":[{"name":"a.jpg","contentType":"image/jpeg","size":10,"sku":"S1"}]}""")))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::field)
                                .containsExactly("files[0].project"));
        assertThatThrownBy(() -> uploads.createUploads("u", Json.tree("""
                {"namePattern":"{sku}-{shade}.jpg","files":[{"name":"a.jpg","contentType":"image/jpeg","size":10}]}""")))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::field)
                                .contains("namePattern", "project"));
        assertThat(fixture.images.projects("u")).isEmpty();
    }
}
