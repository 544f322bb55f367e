package io.atelier.cutout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real model, preprocessing and refinement over the generated test set. The floors are set a little under what
 * was measured, so a broken normalisation, a wrong output index or a refinement that smears edges fails here.
 */
class CutoutQualityTest {
    /**
     * Measured at 900×675 (U²-Net-P): mean IoU 0.848 raw → 0.859 refined, mean alpha error 0.0159 → 0.0137. Solid
     * products score ≥ 0.958; the glass (semi-transparent bowl, stem missed), the plant (fog between stems, floor shadow
     * kept) and the sneaker (white sole missed) are the model's known weak spots and are held to the mean only.
     */
    static final double MEAN_IOU_FLOOR = 0.83;

    static final double SOLID_IOU_FLOOR = 0.94;
    private static final java.util.Set<String> SOLID =
            java.util.Set.of("bottle", "mug", "white-box-on-white", "headphones", "sunglasses", "watch");
    private static OnnxSaliencyModel model;

    @BeforeAll
    static void load() {
        model = new OnnxSaliencyModel(ModelSettings.defaults());
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void refinementBeatsTheRawModelAndStaysAboveTheFloor() throws IOException {
        List<ProductScenes.Scene> scenes = ProductScenes.all(900, 675);
        double rawIou = 0, refinedIou = 0, rawError = 0, refinedError = 0;
        double worst = 1;
        List<String> rows = new ArrayList<>();
        rows.add(String.format(
                Locale.ROOT, "%-20s %9s %9s %9s %9s", "scene", "IoU raw", "IoU ref", "MAE raw", "MAE ref"));
        File review = new File("target/cutout-review");
        review.mkdirs();
        for (ProductScenes.Scene scene : scenes) {
            Plane coarse = model.predict(scene.photo());
            PixelImage raw = Cutout.unrefined(scene.photo(), coarse);
            PixelImage refined = Cutout.refine(scene.photo(), coarse);
            MatteScores before = MatteScores.of(raw, scene.truth());
            MatteScores after = MatteScores.of(refined, scene.truth());
            rows.add(String.format(
                    Locale.ROOT,
                    "%-20s %9.3f %9.3f %9.4f %9.4f",
                    scene.name(),
                    before.iou(),
                    after.iou(),
                    before.meanAlphaError(),
                    after.meanAlphaError()));
            rawIou += before.iou();
            refinedIou += after.iou();
            rawError += before.meanAlphaError();
            refinedError += after.meanAlphaError();
            if (SOLID.contains(scene.name())) worst = Math.min(worst, after.iou());
            ReviewSheet.write(new File(review, scene.name() + ".png"), scene.photo(), raw, refined);
            if (List.of("bottle", "mug", "wine-glass").contains(scene.name()))
                ReviewSheet.beforeAfter(review, scene.name(), raw, refined);
        }
        int n = scenes.size();
        rows.add(String.format(
                Locale.ROOT,
                "%-20s %9.3f %9.3f %9.4f %9.4f",
                "mean",
                rawIou / n,
                refinedIou / n,
                rawError / n,
                refinedError / n));
        rows.forEach(System.out::println);
        assertThat(worst).as("worst solid product's IoU").isGreaterThan(SOLID_IOU_FLOOR);
        assertThat(refinedIou / n).isGreaterThan(MEAN_IOU_FLOOR);
        assertThat(refinedError).as("refinement lowers the alpha error").isLessThan(rawError);
    }
}
