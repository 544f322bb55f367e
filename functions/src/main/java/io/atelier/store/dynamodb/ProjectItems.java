package io.atelier.store.dynamodb;

import static io.atelier.store.dynamodb.Attr.instant;
import static io.atelier.store.dynamodb.Attr.longValue;
import static io.atelier.store.dynamodb.Attr.n;
import static io.atelier.store.dynamodb.Attr.s;
import static io.atelier.store.dynamodb.Attr.str;
import static io.atelier.store.dynamodb.Attr.time;

import io.atelier.model.ImageRecord;
import io.atelier.model.Project;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Projects in the single table. A project is one item {@code USER#<owner>} / {@code PRJ#<project>} (listing a user's
 * projects is one query); each image filed in it also has a member item {@code USER#<owner>#PRJ#<project>} /
 * {@code SKU#<sku>#IMG#<imageId>}, so a project's images, grouped by SKU, or one SKU's images, are one query too.
 * SKUs and project names cannot hold '#' (the upload refuses it), so the prefixes never overlap.
 */
final class ProjectItems {
    static final String PROJECT = "PRJ#";
    static final String SKU = "SKU#";

    private ProjectItems() {}

    static Map<String, AttributeValue> projectKey(String owner, String projectId) {
        return TableKeys.key(TableKeys.user(owner), PROJECT + projectId);
    }

    static String membersPk(String owner, String projectId) {
        return TableKeys.user(owner) + "#" + PROJECT + projectId;
    }

    /** The sort-key prefix of one SKU's members, or of all members when {@code sku} is null. */
    static String skuPrefix(String sku) {
        return sku == null ? SKU : SKU + sku + "#";
    }

    static Map<String, AttributeValue> memberKey(ImageRecord image) {
        String sku = image.placement().sku() == null ? "" : image.placement().sku();
        return TableKeys.key(
                membersPk(image.owner(), image.placement().project()),
                skuPrefix(sku) + TableKeys.IMAGE + image.imageId());
    }

    /** The member item lives as long as its image may (its TTL is the image's retention). */
    static Map<String, AttributeValue> member(ImageRecord image, Instant expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>(memberKey(image));
        item.put("type", s("projectImage"));
        item.put("imageId", s(image.imageId()));
        item.put("expiresAt", n(expiresAt.getEpochSecond()));
        return item;
    }

    /** Creates the project on first use and moves its image count by {@code delta}. */
    static void count(DynamoDbClient dynamo, String table, String owner, String projectId, long delta, Instant at) {
        dynamo.updateItem(b -> b.tableName(table)
                .key(projectKey(owner, projectId))
                .updateExpression(
                        "SET #type = :type, #owner = :owner, projectId = :id, createdAt = if_not_exists(createdAt, :at), "
                                + "updatedAt = :at ADD images :delta")
                .expressionAttributeNames(Map.of("#type", "type", "#owner", "owner"))
                .expressionAttributeValues(Map.of(
                        ":type",
                        s("project"),
                        ":owner",
                        s(owner),
                        ":id",
                        s(projectId),
                        ":at",
                        time(at),
                        ":delta",
                        n(delta))));
    }

    static Project project(Map<String, AttributeValue> item) {
        Long images = longValue(item, "images");
        return new Project(
                str(item, "owner"),
                str(item, "projectId"),
                images == null ? 0 : Math.max(0, images),
                instant(item, "createdAt"),
                instant(item, "updatedAt"));
    }
}
