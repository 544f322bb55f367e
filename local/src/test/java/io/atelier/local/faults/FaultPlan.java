package io.atelier.local.faults;

import io.atelier.model.TaskMessage;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** What the stand-in provider does on each call of the scenario running now, and what it saw. */
final class FaultPlan {
    enum Fault {
        OK,
        THROTTLE,
        UNAVAILABLE,
        TIMEOUT,
        REFUSE,
        KILL,
        DEAD_LETTER_RACE
    }

    /** The fault of a task's {@code call}-th provider call (1-based, across its attempts). */
    @FunctionalInterface
    interface Script {
        Fault fault(String taskId, int call);
    }

    static volatile Script script = (task, call) -> Fault.OK;
    /** How long a call takes; {@link #slowCall} may lengthen some. */
    static volatile long callMillis = 20;

    static volatile java.util.function.BiPredicate<String, Integer> slowCall = (task, call) -> false;
    static volatile long slowMillis = 0;
    /** What a {@link Fault#DEAD_LETTER_RACE} call does meanwhile with the message of its task. */
    static volatile Consumer<TaskMessage> race = message -> {};

    static final Map<String, AtomicInteger> CALLS_BY_TASK = new ConcurrentHashMap<>();
    static final AtomicInteger CALLS = new AtomicInteger();
    /** Tasks whose worker was just killed (the delivery hook may then lose their message). */
    static final java.util.Set<String> KILLED = ConcurrentHashMap.newKeySet();

    static final AtomicInteger IN_FLIGHT = new AtomicInteger();
    static final AtomicInteger MAX_IN_FLIGHT = new AtomicInteger();

    private FaultPlan() {}

    static void reset(Script value) {
        script = value;
        callMillis = 20;
        slowCall = (task, call) -> false;
        slowMillis = 0;
        race = message -> {};
        CALLS_BY_TASK.clear();
        CALLS.set(0);
        KILLED.clear();
        IN_FLIGHT.set(0);
        MAX_IN_FLIGHT.set(0);
    }

    /** A stable number from 0 to n-1 per task, to give scenarios a mix of tasks. */
    static int bucket(String taskId, int n) {
        return Math.floorMod(taskId.hashCode(), n);
    }
}
