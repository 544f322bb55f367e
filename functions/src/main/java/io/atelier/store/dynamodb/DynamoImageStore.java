package io.atelier.store.dynamodb;

import static io.atelier.store.dynamodb.Attr.n;
import static io.atelier.store.dynamodb.Attr.s;
import static io.atelier.store.dynamodb.Attr.time;

import io.atelier.model.ImageRecord;
import io.atelier.model.ImageStatus;
import io.atelier.model.Project;
import io.atelier.store.ImageStore;
import io.atelier.store.Page;
import io.atelier.store.PageRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Images in the single table under {@code USER#<owner>} / {@code IMG#<imageId>}; projects as {@link ProjectItems} lays them out. */
public final class DynamoImageStore implements ImageStore {
    private static final Duration PENDING_TTL = Duration.ofDays(1);
    /** BatchGetItems in flight at once when a job names thousands of images. */
    private static final int PARALLEL_READS = 4;

    private final DynamoDbClient dynamo;
    private final String table;
    private final PagedQuery pages;
    private final Duration retention;

    /** @param retention checked images expire (TTL) this long after their upload, with their bytes */
    public DynamoImageStore(DynamoDbClient dynamo, String table, Duration retention) {
        this.dynamo = dynamo;
        this.table = table;
        this.retention = retention;
        this.pages = new PagedQuery(dynamo, table);
    }

    /** Pending records expire by TTL if their bytes never arrive. */
    @Override
    public void createPending(List<ImageRecord> images) {
        List<WriteRequest> writes = new ArrayList<>();
        Map<String, Long> filed = new TreeMap<>();
        for (ImageRecord image : images) {
            writes.add(put(ItemMapper.image(image, image.createdAt().plus(PENDING_TTL))));
            if (!image.placement().inProject()) continue;
            writes.add(put(ProjectItems.member(image, image.createdAt().plus(retention))));
            filed.merge(image.placement().project(), 1L, Long::sum);
        }
        BatchWriter.write(dynamo, table, writes);
        if (images.isEmpty()) return;
        ImageRecord first = images.get(0);
        filed.forEach((project, count) ->
                ProjectItems.count(dynamo, table, first.owner(), project, count, first.createdAt()));
    }

    private static WriteRequest put(Map<String, AttributeValue> item) {
        return WriteRequest.builder()
                .putRequest(PutRequest.builder().item(item).build())
                .build();
    }

    @Override
    public List<Project> projects(String owner) {
        return pages.all(TableKeys.user(owner), ProjectItems.PROJECT, ProjectItems::project);
    }

    @Override
    public Optional<Project> findProject(String owner, String projectId) {
        return Items.get(dynamo, table, ProjectItems.projectKey(owner, projectId))
                .map(ProjectItems::project);
    }

    /** One query over the project's member items, then the images themselves; members whose image expired are skipped. */
    @Override
    public Page<ImageRecord> listInProject(String owner, String projectId, String sku, PageRequest page) {
        Page<String> ids = pages.page(
                ProjectItems.membersPk(owner, projectId),
                ProjectItems.skuPrefix(sku),
                false,
                page,
                item -> Attr.str(item, "imageId"),
                id -> true,
                false);
        Map<String, ImageRecord> found = findAll(owner, ids.items());
        return new Page<>(
                ids.items().stream()
                        .map(found::get)
                        .filter(java.util.Objects::nonNull)
                        .toList(),
                ids.nextCursor());
    }

    @Override
    public Optional<ImageRecord> find(String owner, String imageId) {
        return Items.get(dynamo, table, TableKeys.image(owner, imageId)).map(ItemMapper::image);
    }

    @Override
    public Map<String, ImageRecord> findAll(String owner, Collection<String> imageIds) {
        List<String> ids = new ArrayList<>(imageIds);
        List<List<String>> batches = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += 100)
            batches.add(ids.subList(from, Math.min(ids.size(), from + 100)));
        Map<String, ImageRecord> found = new ConcurrentHashMap<>();
        if (batches.size() <= 1) {
            batches.forEach(batch -> findBatch(owner, batch, found));
            return new HashMap<>(found);
        }
        // A catalogue's 5,000 images are 50 BatchGetItems: a few at a time rather than one after another.
        try (ExecutorService readers = Executors.newFixedThreadPool(Math.min(PARALLEL_READS, batches.size()))) {
            List<Future<?>> reads = new ArrayList<>();
            for (List<String> batch : batches) reads.add(readers.submit(() -> findBatch(owner, batch, found)));
            for (Future<?> read : reads) read.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading images", e);
        }
        return new HashMap<>(found);
    }

    private void findBatch(String owner, List<String> ids, Map<String, ImageRecord> found) {
        List<Map<String, AttributeValue>> keys =
                ids.stream().map(id -> TableKeys.image(owner, id)).toList();
        Map<String, KeysAndAttributes> pending = Map.of(
                table,
                KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
        for (int round = 0; !pending.isEmpty(); round++) {
            if (round > 0) BatchWriter.pause(round);
            Map<String, KeysAndAttributes> request = pending;
            var response = dynamo.batchGetItem(b -> b.requestItems(request));
            response.responses().getOrDefault(table, List.of()).stream()
                    .map(ItemMapper::image)
                    .forEach(image -> found.put(image.imageId(), image));
            pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
        }
    }

    @Override
    public Page<ImageRecord> list(String owner, PageRequest page) {
        return pages.page(TableKeys.user(owner), TableKeys.IMAGE, true, page, ItemMapper::image, image -> true, false);
    }

    @Override
    public boolean completeCheck(ImageRecord checked) {
        return replaceChecked(checked, ImageStatus.PENDING);
    }

    @Override
    public boolean revokeCheck(ImageRecord rejected) {
        return replaceChecked(rejected, ImageStatus.READY);
    }

    private boolean replaceChecked(ImageRecord checked, ImageStatus expected) {
        UpdateExpression update = new UpdateExpression()
                .set("status", s(checked.status().name()))
                .set("contentType", s(checked.contentType()))
                .set("size", n(checked.size()))
                .set("updatedAt", time(checked.updatedAt()))
                .set("width", checked.width() == null ? null : n(checked.width()))
                .set("height", checked.height() == null ? null : n(checked.height()))
                .set("sha256", checked.sha256() == null ? null : s(checked.sha256()))
                .set("reason", checked.reason() == null ? null : s(checked.reason()))
                .set("previewKey", checked.previewKey() == null ? null : s(checked.previewKey()))
                .set("components", checked.components() == null ? null : n(checked.components()))
                .set("expiresAt", n(checked.createdAt().plus(retention).getEpochSecond()));
        String condition = update.name("status") + " = " + update.value(s(expected.name()));
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(TableKeys.image(checked.owner(), checked.imageId()))
                    .updateExpression(update.expression())
                    .conditionExpression(condition)
                    .expressionAttributeNames(update.names())
                    .expressionAttributeValues(update.values()));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void delete(String owner, String imageId) {
        var old = dynamo.deleteItem(
                b -> b.tableName(table).key(TableKeys.image(owner, imageId)).returnValues(ReturnValue.ALL_OLD));
        if (!old.hasAttributes() || old.attributes().isEmpty()) return;
        ImageRecord image = ItemMapper.image(old.attributes());
        if (!image.placement().inProject()) return;
        dynamo.deleteItem(b -> b.tableName(table).key(ProjectItems.memberKey(image)));
        ProjectItems.count(dynamo, table, owner, image.placement().project(), -1, java.time.Instant.now());
    }
}
