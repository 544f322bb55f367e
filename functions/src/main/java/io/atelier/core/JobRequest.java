package io.atelier.core;

import io.atelier.model.Step;
import java.util.List;
import java.util.Map;

/**
 * A validated {@code POST /jobs} body: the steps to run and either the items or, for text to image, a count;
 * {@code outputName} is the job's name template (null: results are named after their originals).
 */
record JobRequest(String name, List<Step> steps, boolean workflow, List<Item> items, int count, String outputName) {

    JobRequest withSteps(List<Step> value) {
        return new JobRequest(name, value, workflow, items, count, outputName);
    }

    /** {@code sku} and {@code outputName} override the image's SKU and the job's template for this item's name. */
    record Item(
            String imageId, String customId, String prompt, Map<String, Object> params, String sku, String outputName) {
        Item(String imageId, String customId, String prompt, Map<String, Object> params) {
            this(imageId, customId, prompt, params, null, null);
        }
    }
}
