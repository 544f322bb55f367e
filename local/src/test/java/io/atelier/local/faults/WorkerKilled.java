package io.atelier.local.faults;

/**
 * Stands for the worker's process dying: an Error no layer of the worker catches, so the invocation fails as a whole,
 * nothing after it runs, and its message returns after the visibility timeout.
 */
final class WorkerKilled extends Error {
    WorkerKilled(String where) {
        super("worker killed " + where, null, false, false);
    }
}
