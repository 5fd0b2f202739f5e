package io.github.ollamaproxy.messaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaproxy.exchange.ExchangeVariables;
import io.github.ollamaproxy.web.JsonCodec;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * The steps of the folder entry point ({@code routes/integration/files.camel.yaml}) that know about
 * files: where a request file's answers, failed lines and errors go, what a JSONL line holds (a
 * request, or OpenAI's batch line {@code {"custom_id", "url", "body"}}), and the answer lines.
 */
@Component("fileRequests")
public class FileRequests {

    /** The route every answer line of a JSONL file goes through, success or error. */
    static final String ANSWER_LINE = "direct:llm-file-answer";

    /** The route a failed request of a request file goes to. */
    static final String FAILED = "direct:llm-file-failed";

    private final JsonCodec json;

    public FileRequests(JsonCodec json) {
        this.json = json;
    }

    /** A request file arrived: where its answers and errors go, and where it goes once read. */
    public void start(Exchange exchange, String inbox, String outbox, String errorFolder) {
        String fileName = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        Path in = Path.of(inbox).toAbsolutePath();
        FileRequest file = new FileRequest(withoutExtension(fileName), Path.of(outbox).toAbsolutePath(),
                in.resolve(errorFolder).normalize());
        createFolders(file);
        exchange.setVariable(ExchangeVariables.FILE_REQUEST, file);
        exchange.setVariable(ExchangeVariables.DEAD_LETTER, FAILED);
        exchange.setVariable(ExchangeVariables.MOVE_TO, in.resolve(".done").resolve(fileName).toString());
        exchange.setVariable(ExchangeVariables.OUTPUT_FOLDER, file.outbox().toString());
        exchange.setVariable(ExchangeVariables.OUTPUT_FILE, file.answerFile());
    }

    /**
     * A line of a JSONL file: a request, or OpenAI's batch line whose {@code body} is the request,
     * {@code url} its format and {@code custom_id} comes back on the answer line.
     */
    public void line(Exchange exchange) {
        Message message = exchange.getMessage();
        String text = message.getBody(String.class).strip();
        long number = exchange.getProperty(Exchange.SPLIT_INDEX, 0, Integer.class) + 1L;
        String customId = null;
        ObjectNode line = json.readUpstreamObject(text.getBytes(StandardCharsets.UTF_8));
        if (line != null && line.path("body").isObject() && line.has("custom_id")) {
            customId = line.path("custom_id").asText();
            MessageFormat.forPath(line.path("url").asText(""))
                    .ifPresent(format -> exchange.setVariable(ExchangeVariables.MESSAGE_FORMAT, format.id()));
            message.setBody(json.write(line.get("body")));
        } else {
            message.setBody(text);
        }
        exchange.setVariable(ExchangeVariables.REQUEST_LINE, new RequestLine(number, text, customId));
        exchange.setVariable(ExchangeVariables.ANSWER_TO, ANSWER_LINE);
    }

    /** The answer line of a JSONL request: {@code {"line", "custom_id", "response"}} or {@code {…, "error"}}. */
    public void answerLine(Exchange exchange) {
        Message message = exchange.getMessage();
        RequestLine line = exchange.getVariable(ExchangeVariables.REQUEST_LINE, RequestLine.class);
        FileRequest file = exchange.getVariable(ExchangeVariables.FILE_REQUEST, FileRequest.class);
        ObjectNode answer = json.newObject().put("line", line.number());
        if (line.customId() != null) {
            answer.put("custom_id", line.customId());
        }
        Integer errorStatus = message.getHeader(MessageHeaders.ERROR_STATUS, Integer.class);
        if (errorStatus != null) {
            answer.putObject("error").put("status", errorStatus)
                    .put("message", message.getHeader(MessageHeaders.ERROR, String.class));
        } else {
            JsonNode response = json.readUpstreamObject(message.getBody(byte[].class));
            answer.set("response", response);
        }
        message.setBody(line(answer));
        exchange.setVariable(ExchangeVariables.OUTPUT_FOLDER, file.outbox().toString());
        exchange.setVariable(ExchangeVariables.OUTPUT_FILE, file.answersFile());
    }

    /**
     * A request given up on: a JSONL line is appended, as it was, to {@code <name>.failed.jsonl} in
     * the error folder (to be dropped again later); a JSON file goes to the error folder whole, with
     * {@code <name>.error.json} beside it.
     */
    public void failed(Exchange exchange) {
        Message message = exchange.getMessage();
        RequestLine line = exchange.getVariable(ExchangeVariables.REQUEST_LINE, RequestLine.class);
        FileRequest file = exchange.getVariable(ExchangeVariables.FILE_REQUEST, FileRequest.class);
        exchange.setVariable(ExchangeVariables.OUTPUT_FOLDER, file.errorFolder().toString());
        if (line != null) {
            message.setBody(line.text() + "\n");
            exchange.setVariable(ExchangeVariables.OUTPUT_FILE, file.failedLinesFile());
            return;
        }
        ObjectNode error = json.newObject();
        error.putObject("error").put("status", message.getHeader(MessageHeaders.ERROR_STATUS, 500, Integer.class))
                .put("message", message.getHeader(MessageHeaders.ERROR, String.class));
        message.setBody(line(error));
        exchange.setVariable(ExchangeVariables.OUTPUT_FILE, file.errorFile());
        exchange.setVariable(ExchangeVariables.MOVE_TO,
                file.errorFolder().resolve(message.getHeader(Exchange.FILE_NAME_ONLY, String.class)).toString());
    }

    private String line(JsonNode node) {
        return new String(json.write(node), StandardCharsets.UTF_8) + "\n";
    }

    private static String withoutExtension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    private static void createFolders(FileRequest file) {
        try {
            Files.createDirectories(file.outbox());
            Files.createDirectories(file.errorFolder());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the folders for " + file.name() + ": " + e.getMessage(), e);
        }
    }
}
