package io.github.ollamaproxy.knowledge;

import java.time.Instant;

/**
 * The outcome of bringing the index in line with the knowledge-base folder (or part of it).
 *
 * @param started   when it began
 * @param millis    how long it took
 * @param indexed   files (re)indexed because they were new or changed
 * @param unchanged files already indexed as they are
 * @param removed   files gone from the folder, removed from the index
 * @param skipped   files of a kind the knowledge base does not read
 * @param failed    files that could not be read or parsed
 * @param chunks    chunks written
 */
public record SyncReport(Instant started, long millis, int indexed, int unchanged, int removed, int skipped,
        int failed, int chunks) {

    /** Whether the index changed. */
    public boolean changed() {
        return indexed > 0 || removed > 0;
    }
}
