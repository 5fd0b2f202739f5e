package io.github.ollamaproxy.optimizer;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaproxy.web.ApiError;
import io.github.ollamaproxy.web.HttpResponses;
import io.github.ollamaproxy.web.InvalidRequestException;
import io.github.ollamaproxy.web.JsonCodec;
import io.github.ollamaproxy.web.MediaTypes;
import io.github.ollamaproxy.web.ProxyException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * {@code GET /optimizer/templates} lists the learned templates; {@code DELETE /optimizer/templates}
 * forgets them all and {@code DELETE /optimizer/templates/{id}} one.
 */
@Component("optimizerTemplates")
public class OptimizerTemplatesEndpoint {

    static final String PATH = "/optimizer/templates";

    private final PromptOptimizer optimizer;
    private final JsonCodec json;

    public OptimizerTemplatesEndpoint(PromptOptimizer optimizer, JsonCodec json) {
        this.optimizer = optimizer;
        this.json = json;
    }

    public void list(Exchange exchange) {
        ArrayNode templates = json.newObject().arrayNode();
        for (TemplateState state : optimizer.templates()) {
            ObjectNode template = templates.addObject()
                    .put("id", state.id())
                    .put("model", state.model())
                    .put("observations", state.observations())
                    .put("window", state.window())
                    .put("last_used", state.lastUsed().toString())
                    .put("created_at", state.createdAt().toString())
                    .put("truncations", state.truncations())
                    .put("tokens", state.tokens());
            ArrayNode extras = template.putArray("recent_extra_tokens");
            for (int extra : state.extras()) {
                extras.add(extra);
            }
        }
        HttpResponses.respond(exchange.getMessage(), 200, MediaTypes.JSON, json.write(templates), Map.of());
    }

    public void delete(Exchange exchange) {
        Message message = exchange.getMessage();
        String path = message.getHeader(Exchange.HTTP_PATH, PATH, String.class);
        ObjectNode answer = json.newObject();
        if (path.length() <= PATH.length() + 1) {
            int count = optimizer.templates().size();
            optimizer.clear();
            answer.put("deleted", count);
        } else {
            long id = parseId(path.substring(PATH.length() + 1));
            if (!optimizer.delete(id)) {
                throw new ProxyException(new ApiError(404, "no optimizer template " + id, "template_not_found", "id"));
            }
            answer.put("deleted", 1);
        }
        HttpResponses.respond(message, 200, MediaTypes.JSON, json.write(answer), Map.of());
    }

    private static long parseId(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("template ids are numbers, not '" + text + "'", "id");
        }
    }
}
