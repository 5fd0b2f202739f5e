package io.github.ollamaproxy.servers;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaproxy.exchange.ExchangeVariables;
import io.github.ollamaproxy.models.ModelCatalog;
import io.github.ollamaproxy.upstream.OllamaServer;
import io.github.ollamaproxy.upstream.OllamaServers;
import io.github.ollamaproxy.web.ApiError;
import io.github.ollamaproxy.web.ErrorBodies;
import io.github.ollamaproxy.web.ErrorClassifier;
import io.github.ollamaproxy.web.ErrorShape;
import io.github.ollamaproxy.web.HttpResponses;
import io.github.ollamaproxy.web.JsonCodec;
import io.github.ollamaproxy.web.MediaTypes;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * Pull, create, copy and delete sent to every Ollama server (no {@code X-Ollama-Proxy-Upstream}
 * header): {@link #prepare} lists the servers for Camel's recipient list, this strategy collects
 * their answers, and {@link #answer} combines them. Pull and create succeed when every server
 * succeeded; copy and delete when at least one did and the others do not have the model (404). A
 * streamed answer carries each server's progress lines, tagged with a {@code server} field, then one
 * {@code {"status":"success"}}, or, when a server failed, one {@code {"error": …}} line naming each
 * failure (Ollama's way of failing a stream); the lines arrive when every server has finished.
 */
@Component("modelManagementFanOut")
public class ModelManagementFanOut implements AggregationStrategy {

    private static final String ANSWERS = "ollamaProxyServerAnswers";
    private static final String REQUEST = "ollamaProxyFanOutRequest";
    private static final String ENDPOINT_OPTIONS = "?bridgeEndpoint=true&throwExceptionOnFailure=false&deleteWithBody=true";

    private final OllamaServers servers;
    private final ModelCatalog catalog;
    private final JsonCodec json;
    private final ErrorBodies errors;

    public ModelManagementFanOut(OllamaServers servers, ModelCatalog catalog, JsonCodec json, ErrorBodies errors) {
        this.servers = servers;
        this.catalog = catalog;
        this.json = json;
        this.errors = errors;
    }

    /** Holds the request body in memory and names one endpoint per server. */
    public void prepare(Exchange exchange) {
        byte[] body = exchange.getMessage().getBody(byte[].class);
        exchange.getMessage().setBody(body);
        String path = exchange.getMessage().getHeader(Exchange.HTTP_URI, "", String.class);
        boolean eitherWay = path.endsWith("/copy") || path.endsWith("/delete");
        exchange.setProperty(REQUEST, new FanOutRequest(!eitherWay, !eitherWay && streamed(body)));
        List<String> endpoints = new ArrayList<>();
        for (OllamaServer server : servers.all()) {
            endpoints.add(server.baseUri() + ENDPOINT_OPTIONS);
        }
        exchange.setVariable(ExchangeVariables.EVERY_SERVER, endpoints);
    }

    @Override
    public Exchange aggregate(Exchange collected, Exchange answer) {
        Exchange result = collected == null ? answer : collected;
        @SuppressWarnings("unchecked")
        List<ServerAnswer> answers = result.getProperty(ANSWERS, List.class);
        if (answers == null) {
            answers = new ArrayList<>();
            result.setProperty(ANSWERS, answers);
        }
        answers.add(read(answer));
        result.setException(null);
        return result;
    }

    /** The combined answer of every server. */
    public void answer(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<ServerAnswer> answers = exchange.getProperty(ANSWERS, List.class);
        FanOutRequest request = exchange.getProperty(REQUEST, FanOutRequest.class);
        exchange.removeProperty(ANSWERS);
        exchange.removeProperty(REQUEST);
        catalog.invalidate();
        boolean either = !request.everyServerMustSucceed();
        List<ServerAnswer> failed = answers.stream()
                .filter(answer -> !answer.succeeded() && !(either && answer.status() == 404)).toList();
        boolean succeeded = failed.isEmpty() && (!either || answers.stream().anyMatch(ServerAnswer::succeeded));
        Message message = exchange.getMessage();
        if (!succeeded) {
            List<ServerAnswer> reported = failed.isEmpty() ? answers : failed;
            String reason = String.join("; ", reported.stream().map(a -> a.server() + ": " + a.error()).toList());
            if (request.streamed()) {
                ObjectNode error = json.newObject().put("error", reason);
                HttpResponses.respond(message, 200, MediaTypes.NDJSON, progress(answers, error), Map.of());
                return;
            }
            int status = reported.get(0).status() < 400 ? 502 : reported.get(0).status();
            HttpResponses.respond(message, status, MediaTypes.JSON,
                    errors.render(new ApiError(status, reason), ErrorShape.NATIVE), Map.of());
        } else if (request.streamed()) {
            HttpResponses.respond(message, 200, MediaTypes.NDJSON,
                    progress(answers, json.newObject().put("status", "success")), Map.of());
        } else {
            ServerAnswer first = answers.stream().filter(ServerAnswer::succeeded).findFirst().orElseThrow();
            HttpResponses.respond(message, 200, first.contentType() == null ? MediaTypes.JSON : first.contentType(),
                    first.body(), Map.of());
        }
    }

    private ServerAnswer read(Exchange answer) {
        String endpoint = answer.getProperty(ExchangePropertyKey.RECIPIENT_LIST_ENDPOINT, "", String.class);
        String server = servers.all().stream().filter(s -> endpoint.startsWith(s.baseUri() + "?"))
                .map(OllamaServer::name).findFirst().orElse(endpoint);
        if (answer.getException() != null) {
            return new ServerAnswer(server, 0, null, new byte[0], List.of(),
                    ErrorClassifier.classify(answer.getException()).message());
        }
        Message message = answer.getMessage();
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class);
        byte[] body = message.getBody(byte[].class);
        body = body == null ? new byte[0] : body;
        String contentType = message.getHeader(Exchange.CONTENT_TYPE, String.class);
        if (status / 100 != 2) {
            ObjectNode object = json.readUpstreamObject(body);
            String error = object != null && object.hasNonNull("error") ? object.get("error").asText()
                    : "answered " + status;
            return new ServerAnswer(server, status, contentType, body, List.of(), error);
        }
        List<ObjectNode> lines = json.readUpstreamLines(body);
        String errorLine = lines.stream().filter(object -> object.hasNonNull("error"))
                .map(object -> object.get("error").asText()).findFirst().orElse(null);
        return new ServerAnswer(server, status, contentType, body, lines, errorLine);
    }

    private boolean streamed(byte[] requestBody) {
        ObjectNode request = requestBody == null ? null : json.readUpstreamObject(requestBody);
        return request == null || !request.has("stream") || request.get("stream").asBoolean(true);
    }

    /** Each server's progress lines tagged with its name (its own success and error lines left out), then {@code last}. */
    private byte[] progress(List<ServerAnswer> answers, ObjectNode last) {
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        for (ServerAnswer answer : answers) {
            for (ObjectNode object : answer.lines()) {
                if (object.has("error") || "success".equals(object.path("status").asText()) && object.size() == 1) {
                    continue;
                }
                object.put("server", answer.server());
                lines.writeBytes(json.write(object));
                lines.write('\n');
            }
        }
        lines.writeBytes(json.write(last));
        lines.write('\n');
        return lines.toByteArray();
    }

    /** What the combined answer depends on: pull and create must succeed everywhere, and may stream. */
    private record FanOutRequest(boolean everyServerMustSucceed, boolean streamed) {
    }

    /**
     * One server's answer: status 0 when it could not be called; {@code lines} are the objects of a
     * 2xx answer, read once; {@code error} is why it failed, an error line included.
     */
    private record ServerAnswer(String server, int status, String contentType, byte[] body, List<ObjectNode> lines,
            String error) {

        boolean succeeded() {
            return status / 100 == 2 && error == null;
        }
    }
}
