package io.github.ollamaproxy.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** Samples a process's thread count and resident memory from /proc every 100 ms, keeping the peaks. */
final class ProcessSampler {

    private final Path status;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong peakThreads = new AtomicLong();
    private final AtomicLong peakRssKb = new AtomicLong();

    private ProcessSampler(long pid) {
        this.status = Path.of("/proc", Long.toString(pid), "status");
    }

    static ProcessSampler start(long pid) {
        ProcessSampler sampler = new ProcessSampler(pid);
        Thread thread = new Thread(sampler::run, "sampler");
        thread.setDaemon(true);
        thread.start();
        return sampler;
    }

    /** The process's resident memory right now, in MB. */
    static long rssMb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        throw new IllegalStateException("no VmRSS for process " + pid);
    }

    /** The process's thread count right now. */
    static long threads(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("Threads:")) {
                return Long.parseLong(line.substring(8).trim());
            }
        }
        throw new IllegalStateException("no thread count for process " + pid);
    }

    private void run() {
        while (running.get()) {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("Threads:")) {
                        peakThreads.accumulateAndGet(Long.parseLong(line.substring(8).trim()), Math::max);
                    } else if (line.startsWith("VmRSS:")) {
                        peakRssKb.accumulateAndGet(Long.parseLong(line.replaceAll("\\D", "")), Math::max);
                    }
                }
                Thread.sleep(100);
            } catch (IOException | InterruptedException e) {
                return;
            }
        }
    }

    void stop() {
        running.set(false);
    }

    long peakThreads() {
        return peakThreads.get();
    }

    long peakRssMb() {
        return peakRssKb.get() / 1024;
    }
}
