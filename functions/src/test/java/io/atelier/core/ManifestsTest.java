package io.atelier.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.atelier.core.Manifests.Format;
import io.atelier.model.FieldError;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Manifests: every row checked, every bad cell named by row and column, nothing accepted half-way. */
class ManifestsTest {
    /** The caller has two images; "img_THEIRS" belongs to someone else and so is unknown here. */
    private final Function<String, Optional<String>> mine = name ->
            Optional.ofNullable(Map.of("sku-104-front.jpg", "img_A", "img_A", "img_A", "sku-105-front.jpg", "img_B")
                    .get(name));

    @Test
    void aCsvRowGivesItsImageSkuPromptNameAndTypedParameters() {
        var rows = Manifests.parse("""
                image,sku,customId,prompt,outputName,param.factor,param.sharpen
                sku-104-front.jpg,SKU-104,c1,"white, soft shadow",{sku}.{ext},2,true
                img_A,SKU-104,c2,,,,
                """, Format.CSV, mine);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0))
                .isEqualTo(new Manifests.Row(
                        2,
                        "img_A",
                        "SKU-104",
                        "c1",
                        "white, soft shadow",
                        "{sku}.{ext}",
                        Map.of("factor", 2L, "sharpen", true)));
        assertThat(rows.get(1).params()).isEmpty();
        assertThat(rows.get(1).prompt()).isNull();
    }

    @Test
    void jsonlRowsCountFromOne() {
        var rows = Manifests.parse(
                "{\"image\":\"sku-105-front.jpg\",\"params\":{\"factor\":4}}\n\n{\"image\":\"img_A\",\"customId\":\"x\"}\n",
                Format.JSONL,
                mine);
        assertThat(rows).extracting(Manifests.Row::row).containsExactly(1, 3);
        assertThat(rows.get(0).params()).containsEntry("factor", 4);
    }

    @Test
    void unknownAndForeignImagesDuplicatesAndFormulasAreEachNamed() {
        assertThatThrownBy(() -> Manifests.parse("""
                image,sku,prompt
                sku-104-front.jpg,S1,ok
                nope.jpg,S2,ok
                img_THEIRS,S3,ok
                sku-104-front.jpg,S1,ok
                sku-105-front.jpg,=HYPERLINK("x"),ok
                """, Format.CSV, mine))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.errors())
                                .containsExactly(
                                        new FieldError("row 3, image", "no image named \"nope.jpg\""),
                                        new FieldError("row 4, image", "no image named \"img_THEIRS\""),
                                        new FieldError("row 5", "repeats row 2"),
                                        new FieldError(
                                                "row 6, sku", "starts with = like a spreadsheet formula; remove it")));
    }

    @Test
    void aMissingOrUnknownColumnIsNamedInTheHeader() {
        assertThatThrownBy(() -> Manifests.parse("sku,colour\nS1,red\n", Format.CSV, mine))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::field)
                                .containsExactly("row 1, column 2", "row 1"));
        assertThatThrownBy(() -> Manifests.parse("image,sku\nimg_A\n", Format.CSV, mine))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("row 2"));
        assertThatThrownBy(() -> Manifests.parse("{\"image\":\"img_A\",\"shade\":\"x\"}\n[1]\n", Format.JSONL, mine))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::field)
                                .containsExactly("row 1, shade", "row 2"));
    }

    @Test
    void tooLargeAndTooLongManifestsAreRefusedWhole() {
        String big = "image\n" + "img_A\n".repeat(Manifests.MAX_BYTES / 6 + 1);
        assertThatThrownBy(() -> Manifests.parse(big, Format.CSV, mine)).hasMessageContaining("larger than 5 MiB");
        String manyRows = "image\n" + "i\n".repeat(100_000);
        assertThatThrownBy(() -> Manifests.parse(manyRows, Format.CSV, mine))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.errors().get(0))
                                .isEqualTo(new FieldError(
                                        "manifest", "the manifest has 100000 rows; at most 10000 per job")));
        assertThatThrownBy(() -> Manifests.parse("image\n\"open\n", Format.CSV, mine))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.errors().get(0))
                                .isEqualTo(new FieldError("manifest", "the quote opened on line 2 is never closed")));
        assertThatThrownBy(() -> Manifests.parse("image\n", Format.CSV, mine)).hasMessageContaining("no rows");
    }
}
