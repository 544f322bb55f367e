package io.atelier.local.e2e;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU seconds used so far, by whom: this JVM's threads grouped by name (the functions' invocations, DynamoDB Local,
 * the S3 front…) and the child processes (S3Proxy, Chromium, its driver). On a shared machine wall times vary with
 * the load; the CPU a run costs barely does, so `make bench-web` reports both.
 */
final class CpuTimes {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final double TICKS_PER_SECOND = 100; // Linux's USER_HZ

    private CpuTimes() {}

    static Map<String, Double> now() {
        Map<String, Double> seconds = new TreeMap<>();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info == null) continue;
            long nanos = THREADS.getThreadCpuTime(info.getThreadId());
            if (nanos > 0) seconds.merge("runner " + group(info.getThreadName()), nanos / 1e9, Double::sum);
        }
        ProcessHandle.current().descendants().forEach(child -> {
            String command = child.info().command().orElse("?");
            String name = command.contains("chrom") ? chromium(command, commandLine(child.pid())) : "s3proxy";
            seconds.merge(name, ticks(child.pid()) / TICKS_PER_SECOND, Double::sum);
        });
        return seconds;
    }

    /** What each one used between two snapshots, the largest first, as one line. */
    static String spent(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> delta = new TreeMap<>();
        after.forEach((name, s) -> delta.put(name, s - before.getOrDefault(name, 0.0)));
        double total = delta.values().stream().mapToDouble(Double::doubleValue).sum();
        StringBuilder line = new StringBuilder(String.format("%.2f s CPU:", total));
        delta.entrySet().stream()
                .filter(e -> e.getValue() >= 0.05)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> line.append(String.format(" %s %.2f,", e.getKey(), e.getValue())));
        return line.substring(0, line.length() - 1);
    }

    /** Chromium's processes by their role: browser, renderer (the page), gpu-process (software compositing), utility. */
    private static String chromium(String command, String commandLine) {
        if (command.endsWith("chromedriver")) return "chromedriver";
        int type = commandLine.indexOf("--type=");
        return type < 0
                ? "chromium browser"
                : "chromium " + commandLine.substring(type + 7).split("[\\s\\x00]")[0];
    }

    /** Chromium rewrites its children's command lines: read them as they are now. */
    private static String commandLine(long pid) {
        try {
            return Files.readString(Path.of("/proc", String.valueOf(pid), "cmdline"))
                    .replace('\0', ' ');
        } catch (Exception gone) {
            return "";
        }
    }

    /** Thread names without their numbers: "s3-UploadEventsFunction-3" and "-7" are one group. */
    private static String group(String thread) {
        return thread.replaceAll("[-_#]?\\d+", "").replaceAll("\\s+", " ").trim();
    }

    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
        } catch (Exception gone) {
            return 0;
        }
    }
}
