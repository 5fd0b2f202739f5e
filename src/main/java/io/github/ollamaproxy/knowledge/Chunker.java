package io.github.ollamaproxy.knowledge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a parsed document into chunks of about {@code chunkWords} words that follow its sections
 * and paragraphs: a chunk never spans two sections, paragraphs are kept whole while they fit, and
 * each chunk after the first of its section starts with the last {@code overlapWords} words of the
 * one before, so that a sentence at a boundary is found with its context.
 */
public final class Chunker {

    private final int chunkWords;
    private final int overlapWords;

    public Chunker(int chunkWords, int overlapWords) {
        if (chunkWords < 1 || overlapWords < 0 || overlapWords >= chunkWords) {
            throw new IllegalArgumentException("chunk words must be positive and overlap words below them");
        }
        this.chunkWords = chunkWords;
        this.overlapWords = overlapWords;
    }

    /** The chunks of {@code document}, stored under {@code path}, in reading order. */
    public List<Chunk> chunks(String path, ParsedDocument document) {
        List<Chunk> chunks = new ArrayList<>();
        for (ParsedDocument.Section section : document.sections()) {
            for (String text : sectionChunks(section.paragraphs())) {
                chunks.add(new Chunk(path, document.title(), section.headings(), chunks.size(), text));
            }
        }
        return chunks;
    }

    private List<String> sectionChunks(List<String> paragraphs) {
        List<String> chunks = new ArrayList<>();
        List<String> current = new ArrayList<>();
        int currentWords = 0;
        int overlapInCurrent = 0;
        for (String paragraph : paragraphs) {
            String[] words = paragraph.split("\\s+");
            if (currentWords > overlapInCurrent && currentWords + words.length > chunkWords) {
                String done = String.join("\n\n", current);
                chunks.add(done);
                String overlap = lastWords(done, overlapWords);
                current = new ArrayList<>();
                currentWords = overlap.isEmpty() ? 0 : overlap.split("\\s+").length;
                overlapInCurrent = currentWords;
                if (!overlap.isEmpty()) {
                    current.add(overlap);
                }
            }
            if (currentWords + words.length <= chunkWords) {
                current.add(paragraph);
                currentWords += words.length;
                continue;
            }
            int start = 0;
            while (start < words.length) {
                int room = Math.max(chunkWords - currentWords, chunkWords - overlapWords);
                int end = Math.min(words.length, start + room);
                current.add(String.join(" ", Arrays.copyOfRange(words, start, end)));
                currentWords += end - start;
                if (end == words.length) {
                    break;
                }
                String done = String.join("\n\n", current);
                chunks.add(done);
                start = Math.max(end - overlapWords, start + 1);
                current = new ArrayList<>();
                currentWords = 0;
                overlapInCurrent = 0;
            }
        }
        if (currentWords > overlapInCurrent || chunks.isEmpty() && currentWords > 0) {
            chunks.add(String.join("\n\n", current));
        }
        return chunks;
    }

    private static String lastWords(String text, int count) {
        if (count == 0) {
            return "";
        }
        String[] words = text.split("\\s+");
        return String.join(" ", Arrays.copyOfRange(words, Math.max(0, words.length - count), words.length));
    }
}
