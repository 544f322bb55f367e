package io.atelier.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * What the built-in engine costs: the worker's Lambda time, priced per GB-second of its memory. An estimate uses the
 * measured seconds of each operation ("*" for the rest); an actual cost uses the step's measured duration.
 */
public record LocalCompute(
        BigDecimal pricePerGbSecond,
        int memoryMb,
        Map<String, BigDecimal> estimatedSeconds,
        String source,
        String asOf) {
    private static final BigDecimal MB_PER_GB = BigDecimal.valueOf(1024);
    private static final BigDecimal MS_PER_SECOND = BigDecimal.valueOf(1000);
    /** Nano-dollars: a 300 ms resize costs about 12 millionths of a dollar, which must not round to zero. */
    static final int SCALE = 9;

    public LocalCompute {
        estimatedSeconds = Map.copyOf(estimatedSeconds);
    }

    BigDecimal seconds(String operation) {
        return estimatedSeconds.getOrDefault(operation, estimatedSeconds.getOrDefault(PriceEntry.ANY, BigDecimal.ONE));
    }

    /** The price of {@code millis} of a function with {@code memoryMb} of memory. */
    BigDecimal priceOf(long millis, int memory) {
        BigDecimal gbSeconds = BigDecimal.valueOf(memory)
                .multiply(BigDecimal.valueOf(millis))
                .divide(MB_PER_GB.multiply(MS_PER_SECOND), 12, RoundingMode.HALF_UP);
        return gbSeconds.multiply(pricePerGbSecond).setScale(SCALE, RoundingMode.HALF_UP);
    }

    BigDecimal estimate(String operation) {
        long millis = seconds(operation)
                .multiply(MS_PER_SECOND)
                .setScale(0, RoundingMode.HALF_UP)
                .longValueExact();
        return priceOf(millis, memoryMb);
    }
}
