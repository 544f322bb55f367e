package io.atelier.model;

/** S3 keys, always chosen by the server and never taken from user file names. */
public final class Keys {
    public static final String UPLOADS = "uploads/";
    public static final String RESULTS = "results/";
    public static final String ARCHIVES = "archives/";

    private Keys() {}

    public static String upload(String owner, String imageId) {
        return UPLOADS + owner + "/" + imageId;
    }

    public static final String PREVIEWS = "previews/";

    /** An upload's preview: outside uploads/ so that writing it does not notify the upload check. */
    public static String preview(String owner, String imageId) {
        return PREVIEWS + owner + "/" + imageId + ".jpg";
    }

    /** The preview of a task's result, beside it: deterministic, so a retried write overwrites it. */
    public static String resultThumbnail(String owner, String jobId, String taskId) {
        return resultThumbnail(owner, jobId, taskId, 1);
    }

    public static String resultThumbnail(String owner, String jobId, String taskId, int attempt) {
        return taskFolder(owner, jobId, taskId, attempt) + "thumb.jpg";
    }

    /** Deterministic per task and step: a retried write overwrites instead of leaving an orphan. */
    public static String result(String owner, String jobId, String taskId, int step, String extension) {
        return result(owner, jobId, taskId, 1, step, extension);
    }

    /**
     * Deterministic per task, attempt and step. Attempts after the first write beside it ({@code a2/}), so a re-run of
     * a rejected result keeps the earlier result to compare with; attempt 1 keeps the keys results always had.
     */
    public static String result(String owner, String jobId, String taskId, int attempt, int step, String extension) {
        return taskFolder(owner, jobId, taskId, attempt) + step + "." + extension;
    }

    private static String taskFolder(String owner, String jobId, String taskId, int attempt) {
        return RESULTS + owner + "/" + jobId + "/" + taskId + "/" + (attempt > 1 ? "a" + attempt + "/" : "");
    }

    /** A job's download archive; the bucket's lifecycle deletes it after a day. */
    public static String archive(String owner, String jobId, String archiveId) {
        return ARCHIVES + owner + "/" + jobId + "/" + archiveId + ".zip";
    }
}
