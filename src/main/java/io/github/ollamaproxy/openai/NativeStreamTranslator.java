package io.github.ollamaproxy.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Turns the lines of a native NDJSON answer into OpenAI server-sent events, one line at a time. */
interface NativeStreamTranslator {

    /**
     * Translates one native line.
     *
     * @return false when the event stream is complete (after {@code [DONE]} or an error event)
     */
    boolean onLine(ObjectNode line, SseEvents events);

    /** The native stream ended before its final line. */
    void onEarlyEnd(SseEvents events);
}
