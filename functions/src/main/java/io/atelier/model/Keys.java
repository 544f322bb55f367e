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
        return RESULTS + owner + "/" + jobId + "/" + taskId + "/thumb.jpg";
    }

    /** Deterministic per task and step: a retried write overwrites instead of leaving an orphan. */
    public static String result(String owner, String jobId, String taskId, int step, String extension) {
        return RESULTS + owner + "/" + jobId + "/" + taskId + "/" + step + "." + extension;
    }

    /** A job's download archive; the bucket's lifecycle deletes it after a day. */
    public static String archive(String owner, String jobId, String archiveId) {
        return ARCHIVES + owner + "/" + jobId + "/" + archiveId + ".zip";
    }
}
