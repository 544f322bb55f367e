package io.atelier.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.model.Pilot;
import io.atelier.model.Step;
import io.atelier.model.Task;
import io.atelier.pricing.CostEstimator;
import java.util.List;

/** A job's {@code pilot}: how many of its first tasks run before the owner approves the rest. */
final class Pilots {
    private Pilots() {}

    /** The pilot's size, null when the body asks for none; anything else than 1 to tasks − 1 is a 400 naming it. */
    static Integer parse(JsonNode body, int tasks) {
        JsonNode node = body == null ? null : body.get("pilot");
        if (node == null || node.isNull()) return null;
        String range = tasks > 1
                ? "pilot must be a whole number from 1 to " + (tasks - 1)
                        + ": the first items to run before the rest of the job's " + tasks + " wait for approval"
                : "pilot needs a job of at least 2 items: it runs the first items and holds the rest for approval";
        if (!node.isIntegralNumber() || !node.canConvertToInt()) throw new InvalidRequestException("pilot", range);
        int size = node.intValue();
        if (size < 1 || size >= tasks) throw new InvalidRequestException("pilot", range);
        return size;
    }

    /** The held pilot of a new job; the rest's estimate is the dry run's, over the tasks after the pilot. */
    static Pilot of(int size, List<Task> tasks, List<Step> steps, CostEstimator costs) {
        List<Task> rest = tasks.subList(size, tasks.size());
        return new Pilot(
                size,
                true,
                JobEstimates.estimate(steps, rest.stream().map(Task::params).toList(), costs)
                        .total()
                        .amount());
    }
}
