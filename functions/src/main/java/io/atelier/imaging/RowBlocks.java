package io.atelier.imaging;

import java.util.function.Supplier;
import java.util.stream.IntStream;

/** Runs per-row work in parallel blocks of rows, each block with its own scratch buffers. */
final class RowBlocks {

    /** Large enough to amortise the scratch buffers, small enough to balance work across cores. */
    private static final int ROWS_PER_BLOCK = 16;

    interface RowTask<S> {
        void run(int y, S scratch);
    }

    private RowBlocks() {}

    static <S> void inParallel(int rows, Supplier<S> scratch, RowTask<S> task) {
        int blocks = (rows + ROWS_PER_BLOCK - 1) / ROWS_PER_BLOCK;
        IntStream.range(0, blocks).parallel().forEach(block -> {
            S buffers = scratch.get();
            int end = Math.min(rows, (block + 1) * ROWS_PER_BLOCK);
            for (int y = block * ROWS_PER_BLOCK; y < end; y++) {
                task.run(y, buffers);
            }
        });
    }
}
