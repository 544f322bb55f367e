package io.atelier.store.dynamodb;

/**
 * The sparse GSI {@code Sweep} (template.yaml): an unfinished task carries {@code sweepShard} ("ACTIVE#0".."ACTIVE#7",
 * spread by task id so no partition is hot) and {@code sweepAt} (epoch ms when it is overdue: its lease, or for a
 * QUEUED task its last change plus the longest SQS delay and a margin); both go when it ends. The sweeper reads only
 * what is overdue.
 */
final class SweepIndex {
    static final String NAME = "Sweep";
    static final String SHARD = "sweepShard";
    static final String AT = "sweepAt";
    static final String PREFIX = "ACTIVE#";
    static final int SHARDS = 8;

    private SweepIndex() {}

    static String shard(String taskId) {
        return PREFIX + Math.floorMod(taskId.hashCode(), SHARDS);
    }
}
