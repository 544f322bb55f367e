package io.atelier.model;

/**
 * A job's review progress: how many succeeded results are approved and rejected (the rest are unreviewed). Kept on
 * the job and moved in the same transaction as each task's review, so it always agrees with the tasks.
 */
public record ReviewCounts(int approved, int rejected) {
    public static final ReviewCounts NONE = new ReviewCounts(0, 0);

    /** The counts after one result's review went from {@code from} to {@code to} (null: no review). */
    public ReviewCounts moved(Review.Decision from, Review.Decision to) {
        return new ReviewCounts(
                approved - is(from, Review.Decision.APPROVE) + is(to, Review.Decision.APPROVE),
                rejected - is(from, Review.Decision.REJECT) + is(to, Review.Decision.REJECT));
    }

    private static int is(Review.Decision decision, Review.Decision wanted) {
        return decision == wanted ? 1 : 0;
    }
}
