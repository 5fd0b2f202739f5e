package io.github.ollamaproxy.openai;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What every OpenAI stream shares: an error line ends it with an error event; the first line pins
 * {@code created}; the final line is followed by the usage chunk ({@code choices: []}) when asked
 * for and by {@code [DONE]}; a stream cut short ends with an error event. Subclasses write the
 * chunks of each line in their endpoint's shape.
 */
abstract class ChunkTranslator implements NativeStreamTranslator {

    protected static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    protected final OpenAiCall call;
    private final StreamErrors errors;
    private final String object;
    private long created;
    private boolean started;

    ChunkTranslator(OpenAiCall call, StreamErrors errors, String object) {
        this.call = call;
        this.errors = errors;
        this.object = object;
    }

    /** Writes the chunks that open the stream, before those of the first line. */
    protected abstract void onStart(SseEvents events);

    /** Writes the chunks of one native line (the final one included). */
    protected abstract void onPiece(ObjectNode line, boolean done, SseEvents events);

    @Override
    public final boolean onLine(ObjectNode line, SseEvents events) {
        if (line.hasNonNull("error")) {
            events.data(errors.event(line.get("error").asText()));
            return false;
        }
        if (!started) {
            started = true;
            created = NativeAnswers.created(line);
            onStart(events);
        }
        boolean done = line.path("done").asBoolean(false);
        onPiece(line, done, events);
        if (!done) {
            return true;
        }
        if (call.includeUsage()) {
            ObjectNode usage = envelope();
            usage.putArray("choices");
            usage.set("usage", NativeAnswers.usage(line));
            events.data(usage);
        }
        events.done();
        return false;
    }

    @Override
    public final void onEarlyEnd(SseEvents events) {
        events.data(errors.event("the upstream answer ended before it was complete"));
    }

    /** A chunk without choices yet. */
    protected ObjectNode envelope() {
        return NODES.objectNode()
                .put("id", call.id())
                .put("object", object)
                .put("created", created)
                .put("model", call.model())
                .put("system_fingerprint", NativeAnswers.SYSTEM_FINGERPRINT);
    }
}
