package io.atelier.core;

import io.atelier.model.Step;
import java.util.List;
import java.util.Map;

/** A validated {@code POST /jobs} body: the steps to run and either the items or, for text to image, a count. */
record JobRequest(String name, List<Step> steps, boolean workflow, List<Item> items, int count) {

    record Item(String imageId, String customId, String prompt, Map<String, Object> params) {}
}
