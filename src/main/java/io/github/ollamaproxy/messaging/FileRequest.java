package io.github.ollamaproxy.messaging;

import java.nio.file.Path;

/**
 * A request file being answered by a folder entry point.
 *
 * @param name        the file's name without its extension
 * @param outbox      where its answers are written
 * @param errorFolder where its failed requests and errors are written, and it goes when it fails whole
 */
record FileRequest(String name, Path outbox, Path errorFolder) {

    String answerFile() {
        return name + ".answer.json";
    }

    String answersFile() {
        return name + ".answers.jsonl";
    }

    String failedLinesFile() {
        return name + ".failed.jsonl";
    }

    String errorFile() {
        return name + ".error.json";
    }
}
