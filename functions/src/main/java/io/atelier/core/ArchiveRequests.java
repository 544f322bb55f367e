package io.atelier.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.atelier.json.Json;
import io.atelier.store.ArchiveRecords;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * "Download all" for any size: a zip small enough to build within API Gateway's 30 seconds is built at once (201);
 * past {@code syncMaxEntries} results or {@code syncMaxBytes} it is built by ArchiveFunction from a queue message
 * (202 with an {@code archiveId} to poll). Past 65,535 entries or 4 GB the zip is ZIP64 (Java's writer switches by
 * itself).
 */
public final class ArchiveRequests {
    private static final Logger LOG = Logger.getLogger(ArchiveRequests.class.getName());
    private final Archives archives;
    private final ArchiveRecords records;
    private final Consumer<Archives.Plan> queue;
    private final int syncMaxEntries;
    private final long syncMaxBytes;
    private final Clock clock;

    /** @param queue sends the plan to ArchiveFunction */
    public ArchiveRequests(
            Archives archives,
            ArchiveRecords records,
            Consumer<Archives.Plan> queue,
            int syncMaxEntries,
            long syncMaxBytes,
            Clock clock) {
        this.archives = archives;
        this.records = records;
        this.queue = queue;
        this.syncMaxEntries = syncMaxEntries;
        this.syncMaxBytes = syncMaxBytes;
        this.clock = clock;
    }

    /** The answer to {@code POST /jobs/{jobId}/archive}: its status (201 built, 202 building) and body. */
    /** A zip built at once ({@code built}, answered 201) or a record of one being built ({@code pending}, answered 202). */
    public record Answer(Archives.Archive built, Map<String, Object> pending) {}

    public Answer request(String owner, String jobId, JsonNode body) {
        Archives.Plan plan = archives.plan(owner, jobId, body);
        if (plan.count() <= syncMaxEntries && plan.bytes() <= syncMaxBytes)
            return new Answer(archives.build(plan), null);
        ArchiveRecords.ArchiveRecord record = new ArchiveRecords.ArchiveRecord(
                owner,
                jobId,
                plan.archiveId(),
                plan.approvedOnly(),
                plan.key(),
                plan.name(),
                ArchiveRecords.Status.BUILDING,
                plan.count(),
                plan.bytes(),
                null,
                clock.instant(),
                null);
        records.put(record);
        queue.accept(plan);
        return new Answer(null, json(record));
    }

    /** {@code GET /jobs/{jobId}/archives/{archiveId}}: another user's archive, or one of another job, is not found. */
    public Map<String, Object> status(String owner, String jobId, String archiveId) {
        ArchiveRecords.ArchiveRecord record = records.find(owner, archiveId)
                .filter(found -> found.jobId().equals(jobId))
                .orElseThrow(() -> new NotFoundException("Archive " + archiveId));
        return json(record);
    }

    /** ArchiveFunction: builds a planned archive once (a redelivered message finds it READY or FAILED and stops). */
    public void build(Archives.Plan plan) {
        ArchiveRecords.ArchiveRecord record =
                records.find(plan.owner(), plan.archiveId()).orElse(null);
        if (record == null || record.status() != ArchiveRecords.Status.BUILDING) return;
        try {
            Archives.Archive built = archives.build(plan);
            records.put(new ArchiveRecords.ArchiveRecord(
                    record.owner(),
                    record.jobId(),
                    record.archiveId(),
                    record.approvedOnly(),
                    record.key(),
                    record.name(),
                    ArchiveRecords.Status.READY,
                    built.count(),
                    built.size(),
                    null,
                    record.createdAt(),
                    clock.instant()));
        } catch (DomainException | java.io.UncheckedIOException e) {
            LOG.log(Level.WARNING, "Archive " + plan.archiveId() + " could not be built", e);
            records.put(new ArchiveRecords.ArchiveRecord(
                    record.owner(),
                    record.jobId(),
                    record.archiveId(),
                    record.approvedOnly(),
                    record.key(),
                    record.name(),
                    ArchiveRecords.Status.FAILED,
                    record.count(),
                    record.size(),
                    "The zip could not be written; ask for it again.",
                    record.createdAt(),
                    clock.instant()));
        }
    }

    private Map<String, Object> json(ArchiveRecords.ArchiveRecord record) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("archiveId", record.archiveId());
        out.put("status", record.status().name());
        out.put("name", record.name());
        out.put("count", record.count());
        out.put("size", record.size());
        if (record.status() == ArchiveRecords.Status.READY)
            out.put("url", archives.link(record.key(), record.name()).toString());
        if (record.error() != null) out.put("error", record.error());
        out.put("createdAt", Json.time(record.createdAt()));
        return out;
    }
}
