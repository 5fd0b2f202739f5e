package io.github.ollamaproxy.simulator;

import java.time.Instant;

/**
 * A streamed answer whose reader went away before the end.
 *
 * @param path        request path
 * @param model       requested model
 * @param linesSent   lines written successfully before the close was noticed
 * @param noticedAt   when the simulator noticed
 */
public record EarlyClose(String path, String model, int linesSent, Instant noticedAt) {
}
