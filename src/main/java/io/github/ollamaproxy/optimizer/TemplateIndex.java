package io.github.ollamaproxy.optimizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The templates of one model, found without scanning them all: every template is filed under the
 * keys of its pattern ({@link PromptPattern#keys}: the first and last words of its leading parts),
 * a prompt collects the templates filed under its own keys, and the candidates sharing the most
 * keys are aligned with it ({@link PatternAlignment}); the best verdict wins, then the most words
 * kept. A weak match is dropped when another candidate shows that the parts it keeps front several
 * tasks ({@link MatchRules#contradicts}). This is blocking as in record linkage: exact keys on the parts of a pattern that do not
 * vary, then verification.
 */
final class TemplateIndex {

    /** Candidates aligned per lookup, those sharing the most keys first. */
    static final int MAX_CANDIDATES = 16;

    /**
     * Templates under one key above which the key is too common to tell templates apart (a generic
     * system prompt); such a key is used only when the prompt has no other, and then for its most
     * recent templates.
     */
    static final int CROWDED = 64;

    private final Map<Long, List<Template>> buckets = new HashMap<>();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final MatchRules rules;
    private int size;

    TemplateIndex(MatchRules rules) {
        this.rules = rules;
    }

    /** The template the prompt matches best, if any. */
    Optional<TemplateMatch> find(PromptPattern prompt) {
        lock.readLock().lock();
        try {
            return best(prompt);
        } finally {
            lock.readLock().unlock();
        }
    }

    void add(Template template) {
        lock.writeLock().lock();
        try {
            file(template);
            size++;
        } finally {
            lock.writeLock().unlock();
        }
    }

    void remove(Template template) {
        lock.writeLock().lock();
        try {
            unfile(template);
            size--;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Gives a template a narrower pattern and files it under the new keys; the caller holds the lock. */
    void narrow(Template template, PromptPattern pattern) {
        unfile(template);
        template.narrow(pattern);
        file(template);
    }

    int size() {
        lock.readLock().lock();
        try {
            return size;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Runs an action under the write lock, so a find-then-change is atomic. */
    <T> T exclusively(Supplier<T> action) {
        lock.writeLock().lock();
        try {
            return action.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The best match; the caller holds a lock. */
    Optional<TemplateMatch> best(PromptPattern prompt) {
        Map<Template, int[]> hits = new IdentityHashMap<>();
        List<Template> smallestCrowded = null;
        for (long key : prompt.keys()) {
            List<Template> bucket = buckets.get(key);
            if (bucket == null) {
                continue;
            }
            if (bucket.size() > CROWDED) {
                if (smallestCrowded == null || bucket.size() < smallestCrowded.size()) {
                    smallestCrowded = bucket;
                }
                continue;
            }
            for (Template template : bucket) {
                hits.computeIfAbsent(template, t -> new int[1])[0]++;
            }
        }
        if (hits.isEmpty() && smallestCrowded != null) {
            for (Template template : smallestCrowded.subList(smallestCrowded.size() - CROWDED, smallestCrowded.size())) {
                hits.put(template, new int[] {1});
            }
        }
        if (hits.isEmpty()) {
            return Optional.empty();
        }
        List<Map.Entry<Template, int[]>> candidates = new ArrayList<>(hits.entrySet());
        if (candidates.size() > MAX_CANDIDATES) {
            candidates.sort((a, b) -> Integer.compare(b.getValue()[0], a.getValue()[0]));
            candidates = candidates.subList(0, MAX_CANDIDATES);
        }
        List<Template> chosen = new ArrayList<>(candidates.size());
        for (Map.Entry<Template, int[]> candidate : candidates) {
            chosen.add(candidate.getKey());
        }
        return choose(chosen, prompt, rules);
    }

    /** The best match among these templates, by the rules. */
    static Optional<TemplateMatch> choose(List<Template> candidates, PromptPattern prompt, MatchRules rules) {
        TemplateMatch best = null;
        List<TemplateMatch> rejected = new ArrayList<>();
        for (Template candidate : candidates) {
            TemplateMatch match = rules.judge(candidate, prompt);
            if (match == null) {
                continue;
            }
            if (match.verdict() == PatternAlignment.Verdict.NONE) {
                rejected.add(match);
            } else if (best == null || better(match, best)) {
                best = match;
            }
        }
        if (best != null && best.verdict() == PatternAlignment.Verdict.WEAK) {
            TemplateMatch weak = best;
            if (rejected.stream().anyMatch(match -> rules.contradicts(match, weak))) {
                return Optional.empty();
            }
            TemplateRegistry.Aside aside = weak.template().peekAside();
            if (aside != null && rules.sameOtherTask(aside.prompt(), weak, prompt)) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(best);
    }

    /** Whether one match beats another: stronger verdict, then more words shared, then fewer varied. */
    private static boolean better(TemplateMatch a, TemplateMatch b) {
        if (a.verdict() != b.verdict()) {
            return a.verdict().compareTo(b.verdict()) > 0;
        }
        if (a.shared() != b.shared()) {
            return a.shared() > b.shared();
        }
        return a.varied() < b.varied();
    }

    private void file(Template template) {
        for (long key : template.pattern().keys()) {
            buckets.computeIfAbsent(key, k -> new ArrayList<>(1)).add(template);
        }
    }

    private void unfile(Template template) {
        for (long key : template.pattern().keys()) {
            List<Template> bucket = buckets.get(key);
            if (bucket != null && bucket.remove(template) && bucket.isEmpty()) {
                buckets.remove(key);
            }
        }
    }
}
