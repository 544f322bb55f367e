package io.atelier.core;

import io.atelier.fakes.MemoryBlobStore;
import io.atelier.fakes.MemoryImageStore;
import io.atelier.fakes.MemoryJobStore;
import io.atelier.fakes.MovableClock;
import io.atelier.fakes.RecordingQueue;
import io.atelier.fakes.TestImages;
import io.atelier.json.Json;
import io.atelier.model.Ids;
import io.atelier.model.ImageRecord;
import io.atelier.model.ImageStatus;
import io.atelier.model.Job;
import io.atelier.providers.ImageProvider;
import io.atelier.providers.ProviderRegistry;
import io.atelier.providers.local.LocalProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The core wired to in-memory ports and a movable clock. */
class CoreFixture {
    final MemoryJobStore jobs = new MemoryJobStore();
    final MemoryImageStore images = new MemoryImageStore();
    final MemoryBlobStore blobs = new MemoryBlobStore();
    final RecordingQueue queue = new RecordingQueue();
    Instant now = Instant.parse("2026-11-22T10:00:00Z");
    final Clock clock = new MovableClock(() -> now);
    final Limits limits = new Limits(
            500,
            50L << 20,
            500,
            Duration.ofMinutes(15),
            Duration.ofHours(1),
            Duration.ofHours(24),
            3,
            Duration.ofDays(30),
            Duration.ofMinutes(120));
    final List<ImageProvider> providerList = new ArrayList<>(List.of(new LocalProvider()));
    ProviderRegistry providers = new ProviderRegistry(providerList);

    JobService jobService() {
        return new JobService(jobs, images, queue, providers, limits, clock);
    }

    /** A job service whose fan-outs (large jobs, pilots) go to {@code fanOuts} instead of running at once. */
    JobService jobService(io.atelier.store.FanOutQueue fanOuts) {
        return new JobService(
                jobs,
                images,
                queue,
                providers,
                limits,
                clock,
                new io.atelier.pricing.CostEstimator(io.atelier.pricing.PriceTable.defaults()),
                fanOuts);
    }

    io.atelier.store.ProviderSlots slots = io.atelier.store.ProviderSlots.UNLIMITED;

    TaskRunner runner() {
        return new TaskRunner(jobs, blobs, queue, providers, limits, clock, slots, Delays.DEFAULTS);
    }

    void addProvider(ImageProvider provider) {
        providerList.add(provider);
        providers = new ProviderRegistry(providerList);
    }

    String readyImage(String owner, int width, int height) {
        String id = Ids.image();
        ImageRecord image = new ImageRecord(
                owner,
                id,
                id + ".png",
                ImageStatus.READY,
                "image/png",
                1000,
                width,
                height,
                null,
                null,
                now,
                now,
                null);
        images.put(image);
        blobs.write(image.objectKey(), TestImages.png(width, height), "image/png");
        return id;
    }

    Job submit(String owner, String json) throws Exception {
        return jobService().submit(owner, Json.tree(json), Optional.empty());
    }

    static String upscaleJob(String... imageIds) {
        StringBuilder items = new StringBuilder();
        for (String id : imageIds)
            items.append(items.isEmpty() ? "" : ",")
                    .append("{\"imageId\":\"")
                    .append(id)
                    .append("\"}");
        return "{\"operation\":\"upscale\",\"provider\":\"local\",\"params\":{\"factor\":2},\"items\":[" + items + "]}";
    }
}
