package io.atelier.store.dynamodb;

import static io.atelier.store.dynamodb.Attr.n;
import static io.atelier.store.dynamodb.Attr.s;

import io.atelier.model.Task;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A large job's task list while the fan-out creates its tasks: {@code JOB#<jobId>} / {@code FANOUT} holds the progress
 * (how many tasks exist, in the Sweep index while unfinished so a stalled fan-out is found), and
 * {@code FANOUT#<n>} items hold the tasks as they will be stored, in order, packed ({@link PackedItems}), each chunk
 * well under DynamoDB's 400 KB.
 */
final class FanOutItems {
    static final String PROGRESS = "FANOUT";
    static final String CHUNK = "FANOUT#";
    /** Packed bytes per chunk item: room to spare under DynamoDB's 400 KB item limit. */
    static final int CHUNK_BYTES = 300_000;
    /** Task items (by DynamoDB's size rules) packed into one chunk: they usually shrink to a fifth or less. */
    static final int RAW_BYTES = 1_200_000;

    private FanOutItems() {}

    static Map<String, AttributeValue> progressKey(String jobId) {
        return TableKeys.key(TableKeys.JOB + jobId, PROGRESS);
    }

    /** Where a pilot's fan-out stops until the owner continues; absent when nothing is held. */
    static final String HELD_FROM = "heldFrom";

    static Map<String, AttributeValue> progress(
            String owner, String jobId, int total, Integer heldFrom, Instant stalledAt, long expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>(progressKey(jobId));
        item.put("type", s("fanOut"));
        item.put("owner", s(owner));
        item.put("jobId", s(jobId));
        item.put("total", n(total));
        item.put("done", n(0));
        if (heldFrom != null) item.put(HELD_FROM, n(heldFrom));
        item.put(SweepIndex.SHARD, s(SweepIndex.shard(jobId)));
        item.put(SweepIndex.AT, n(stalledAt.toEpochMilli()));
        item.put("expiresAt", n(expiresAt));
        return item;
    }

    /**
     * The task items in chunks, keyed {@code FANOUT#00000} on: up to {@link #RAW_BYTES} of items packed together, and
     * halved until the packed chunk fits in {@link #CHUNK_BYTES}.
     */
    static List<Map<String, AttributeValue>> chunks(String jobId, List<Task> tasks, long expiresAt) {
        List<SdkBytes> packed = new ArrayList<>();
        List<Map<String, AttributeValue>> current = new ArrayList<>();
        long bytes = 0;
        for (Task task : tasks) {
            Map<String, AttributeValue> item = ItemMapper.task(task);
            long size = size(AttributeValue.fromM(item));
            if (!current.isEmpty() && bytes + size > RAW_BYTES) {
                pack(current, packed);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(item);
            bytes += size;
        }
        if (!current.isEmpty()) pack(current, packed);
        List<Map<String, AttributeValue>> chunks = new ArrayList<>();
        for (SdkBytes chunk : packed) chunks.add(chunk(jobId, chunks.size(), chunk, expiresAt));
        return chunks;
    }

    private static void pack(List<Map<String, AttributeValue>> items, List<SdkBytes> packed) {
        SdkBytes bytes = PackedItems.pack(items);
        if (bytes.asByteArrayUnsafe().length <= CHUNK_BYTES || items.size() == 1) {
            packed.add(bytes);
            return;
        }
        pack(items.subList(0, items.size() / 2), packed);
        pack(items.subList(items.size() / 2, items.size()), packed);
    }

    private static Map<String, AttributeValue> chunk(String jobId, int index, SdkBytes tasks, long expiresAt) {
        Map<String, AttributeValue> item =
                new HashMap<>(TableKeys.key(TableKeys.JOB + jobId, CHUNK + String.format("%05d", index)));
        item.put("type", s("fanOutChunk"));
        item.put("tasks", AttributeValue.fromB(tasks));
        item.put("expiresAt", n(expiresAt));
        return item;
    }

    static List<Task> tasks(Map<String, AttributeValue> chunk) {
        return PackedItems.unpack(chunk.get("tasks").b()).stream()
                .map(ItemMapper::task)
                .toList();
    }

    /** An attribute value's size as DynamoDB counts it (names and UTF-8 strings, numbers up to 21 bytes, 3 bytes per container plus 1 per element). */
    static long size(AttributeValue value) {
        if (value.s() != null) return value.s().getBytes(StandardCharsets.UTF_8).length;
        if (value.n() != null) return 21;
        if (value.bool() != null || value.nul() != null) return 1;
        if (value.hasL())
            return 3
                    + value.l().stream().mapToLong(element -> 1 + size(element)).sum();
        if (value.hasM())
            return 3
                    + value.m().entrySet().stream()
                            .mapToLong(e -> 1 + e.getKey().getBytes(StandardCharsets.UTF_8).length + size(e.getValue()))
                            .sum();
        if (value.hasSs())
            return value.ss().stream()
                    .mapToLong(v -> v.getBytes(StandardCharsets.UTF_8).length)
                    .sum();
        if (value.b() != null) return value.b().asByteArray().length;
        return 64; // sets of numbers or bytes: not used in task items
    }
}
