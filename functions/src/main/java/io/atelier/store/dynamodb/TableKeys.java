package io.atelier.store.dynamodb;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The single-table keys of DESIGN.md: the owner is part of every key a caller can reach. */
final class TableKeys {
    static final String PK = "PK";
    static final String SK = "SK";
    static final String IMAGE = "IMG#";
    static final String JOB = "JOB#";
    static final String TASK = "TSK#";
    static final String IDEMPOTENCY = "IDEM#";

    private TableKeys() {}

    static String user(String owner) {
        return "USER#" + owner;
    }

    static Map<String, AttributeValue> image(String owner, String imageId) {
        return key(user(owner), IMAGE + imageId);
    }

    static Map<String, AttributeValue> job(String owner, String jobId) {
        return key(user(owner), JOB + jobId);
    }

    static Map<String, AttributeValue> task(String jobId, String taskId) {
        return key(JOB + jobId, TASK + taskId);
    }

    static Map<String, AttributeValue> idempotency(String owner, String idempotencyKey) {
        return key(user(owner), IDEMPOTENCY + idempotencyKey);
    }

    /** A person's usage items: images per day, spend per month, the count of jobs holding a slot, each job's slot. */
    static Map<String, AttributeValue> usageDay(String owner, java.time.LocalDate day) {
        return key(user(owner), "USAGE#DAY#" + day);
    }

    static Map<String, AttributeValue> usageMonth(String owner, java.time.YearMonth month) {
        return key(user(owner), "USAGE#MONTH#" + month);
    }

    static Map<String, AttributeValue> usageJobs(String owner) {
        return key(user(owner), "USAGE#JOBS");
    }

    static Map<String, AttributeValue> jobSlot(String owner, String jobId) {
        return key(user(owner), "SLOT#" + jobId);
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, AttributeValue.fromS(pk), SK, AttributeValue.fromS(sk));
    }
}
