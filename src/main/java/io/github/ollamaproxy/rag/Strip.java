package io.github.ollamaproxy.rag;

/**
 * A few consecutive sentences of a source, the unit of knowledge refinement.
 *
 * @param source   the index of the source it comes from, in the list given to the refiner
 * @param position its index within that source
 * @param text     the sentences
 * @param score    its BM25 relevance to the question
 */
public record Strip(int source, int position, String text, double score) {
}
