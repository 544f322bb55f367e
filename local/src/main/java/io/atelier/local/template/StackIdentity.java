package io.atelier.local.template;

/** The pseudo-parameters of the local stack and the ARNs derived from them. */
public record StackIdentity(String stackName, String region, String accountId) {

    public static final StackIdentity LOCAL = new StackIdentity("atelier", "us-east-1", "000000000000");

    public String queueArn(String queueName) {
        return "arn:aws:sqs:" + region + ":" + accountId + ":" + queueName;
    }

    public String tableArn(String tableName) {
        return "arn:aws:dynamodb:" + region + ":" + accountId + ":table/" + tableName;
    }

    public String bucketArn(String bucketName) {
        return "arn:aws:s3:::" + bucketName;
    }

    public String functionArn(String functionName) {
        return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + functionName;
    }

    /** The last ':'-separated part of an ARN (a queue's name); a plain name is returned unchanged. */
    public static String lastArnPart(String arn) {
        return arn.substring(arn.lastIndexOf(':') + 1);
    }
}
