package io.github.ollamaproxy.optimizer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.function.Supplier;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The templates of one model, found by their 64-token-prefix fingerprint without scanning them
 * all: the 64 bits are cut into four 16-bit blocks, and each block value maps to the templates
 * that have it. Two fingerprints within Hamming distance 3 agree on at least one block (four
 * blocks, at most three differing bits), so looking up the query's four blocks finds every such
 * template; {@code Long.bitCount} then checks the real distance, and the longer prefixes rank the
 * candidates (Manku, Jain and Das Sarma, "Detecting near-duplicates for web crawling", WWW 2007).
 */
final class TemplateIndex {

    /** The largest 64-prefix distance the four blocks guarantee to find. */
    static final int MAX_PREFIX_DISTANCE = 3;

    private static final int BLOCKS = 4;
    private static final int BLOCK_BITS = Long.SIZE / BLOCKS;
    private static final int BLOCK_MASK = (1 << BLOCK_BITS) - 1;

    private final List<Map<Integer, List<Template>>> blocks = new ArrayList<>(BLOCKS);
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private int size;

    TemplateIndex() {
        for (int block = 0; block < BLOCKS; block++) {
            blocks.add(new HashMap<>());
        }
    }

    /**
     * The best template within the thresholds (one per resolution) that agrees on at least the
     * first {@code requiredLevels} resolutions (or on all), if any.
     */
    Optional<TemplateMatch> find(Fingerprint query, int[] thresholds, int requiredLevels) {
        lock.readLock().lock();
        try {
            return best(query, thresholds, requiredLevels);
        } finally {
            lock.readLock().unlock();
        }
    }

    void add(Template template) {
        lock.writeLock().lock();
        try {
            long prefix = template.fingerprint().prefix64();
            for (int block = 0; block < BLOCKS; block++) {
                blocks.get(block).computeIfAbsent(blockValue(prefix, block), key -> new ArrayList<>(1)).add(template);
            }
            size++;
        } finally {
            lock.writeLock().unlock();
        }
    }

    void remove(Template template) {
        lock.writeLock().lock();
        try {
            long prefix = template.fingerprint().prefix64();
            for (int block = 0; block < BLOCKS; block++) {
                List<Template> bucket = blocks.get(block).get(blockValue(prefix, block));
                if (bucket != null && bucket.remove(template) && bucket.isEmpty()) {
                    blocks.get(block).remove(blockValue(prefix, block));
                }
            }
            size--;
        } finally {
            lock.writeLock().unlock();
        }
    }

    int size() {
        lock.readLock().lock();
        try {
            return size;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Runs an action under the write lock, so a find-then-add is atomic. */
    <T> T exclusively(Supplier<T> action) {
        lock.writeLock().lock();
        try {
            return action.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    Optional<TemplateMatch> best(Fingerprint query, int[] thresholds, int requiredLevels) {
        long prefix = query.prefix64();
        Set<Template> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        TemplateMatch best = null;
        int bestLevels = 0;
        for (int block = 0; block < BLOCKS; block++) {
            List<Template> bucket = blocks.get(block).get(blockValue(prefix, block));
            if (bucket == null) {
                continue;
            }
            for (Template candidate : bucket) {
                if (!seen.add(candidate)) {
                    continue;
                }
                int distance = Long.bitCount(prefix ^ candidate.fingerprint().prefix64());
                if (distance > thresholds[0]) {
                    continue;
                }
                int levels = 1;
                while (levels < Resolution.COUNT && query.distance(candidate.fingerprint(), levels) <= thresholds[levels]) {
                    levels++;
                }
                if (levels < requiredLevels) {
                    continue;
                }
                if (levels > bestLevels || levels == bestLevels && distance < best.distance()) {
                    best = new TemplateMatch(candidate, distance, Resolution.ALL.get(levels - 1));
                    bestLevels = levels;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private static int blockValue(long fingerprint, int block) {
        return (int) (fingerprint >>> (block * BLOCK_BITS)) & BLOCK_MASK;
    }
}
