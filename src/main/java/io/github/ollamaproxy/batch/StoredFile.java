package io.github.ollamaproxy.batch;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A file of the Files API: an uploaded batch input, or a batch's output or error file.
 *
 * @param id        {@code file-…}
 * @param bytes     its size
 * @param createdAt seconds since the epoch
 * @param filename  the name it was uploaded with, or the one the proxy gave it
 * @param purpose   {@code batch} for inputs, {@code batch_output} for outputs and errors
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StoredFile(String id, long bytes, long createdAt, String filename, String purpose) {
}
