package io.github.ollamaproxy.exchange;

/**
 * Names of the Camel variables that routes and beans share while a request goes through the
 * proxy. YAML routes read them as {@code ${variable.NAME}}; a test checks that every such reference
 * is declared here. Every package may use this one; it uses none of the proxy's.
 */
public final class ExchangeVariables {

    /** The {@code io.github.ollamaproxy.agent.LlmRequest} of a chat or generate request. */
    public static final String REQUEST = "request";

    /** The model a request names, for requests without an {@code LlmRequest} (e.g. embed). */
    public static final String MODEL = "model";

    /**
     * The request body bytes as the client sent them ({@code byte[]}), kept while nothing changed
     * them so that they can be forwarded byte for byte.
     */
    public static final String ORIGINAL_BODY = "originalBody";

    /**
     * The agents chosen for the request ({@code io.github.ollamaproxy.chain.AgentPlan}): the
     * routing slips of their request, response and completion steps.
     */
    public static final String AGENTS = "agents";

    /** A whole (non-streamed) native answer ({@code io.github.ollamaproxy.agent.LlmResponse}). */
    public static final String RESPONSE = "response";

    /** A finished answer for the completion steps ({@code io.github.ollamaproxy.agent.Completion}). */
    public static final String COMPLETION = "completion";

    /** What each running agent step may have to roll back, by route id ({@code Map<String, Object>}). */
    public static final String AGENT_SNAPSHOTS = "agentSnapshots";

    /** The {@code io.github.ollamaproxy.web.ClientConnection} of the HTTP request an exchange serves. */
    public static final String CLIENT_CONNECTION = "clientConnection";

    /** The {@code io.github.ollamaproxy.openai.OpenAiCall} of a request to the OpenAI endpoints. */
    public static final String OPENAI_CALL = "openAiCall";

    /**
     * The format of a request that arrived as a message ({@code io.github.ollamaproxy.messaging.MessageFormat}
     * id): set by an entry point's route (its {@code format} parameter), then the detected one.
     */
    public static final String MESSAGE_FORMAT = "messageFormat";

    /** A message as it arrived (its body and headers), kept while its request runs ({@code Map}). */
    public static final String ARRIVED_MESSAGE = "arrivedMessage";

    /** How many times the request of a message was tried so far ({@code Integer}). */
    public static final String MESSAGE_ATTEMPTS = "messageAttempts";

    /** Where an entry point sends the messages it gives up on (an endpoint URI). */
    public static final String DEAD_LETTER = "deadLetter";

    /** Where an entry point wants answers sent, success or error (an endpoint URI), when not back to the caller. */
    public static final String ANSWER_TO = "answerTo";

    /**
     * A step an entry point runs once a message it gave up on was dead-lettered and answered (an
     * endpoint URI), e.g. committing its Kafka offset.
     */
    public static final String AFTER_DEAD_LETTER = "afterDeadLetter";

    /** The id of the batch ({@code /v1/batches}) a request belongs to. */
    public static final String BATCH = "batch";

    /** A request file being answered ({@code io.github.ollamaproxy.messaging.FileRequest}). */
    public static final String FILE_REQUEST = "fileRequest";

    /** The line of a request file a request came from ({@code io.github.ollamaproxy.messaging.RequestLine}). */
    public static final String REQUEST_LINE = "requestLine";

    /** The folder a file is written to next. */
    public static final String OUTPUT_FOLDER = "outputFolder";

    /** The name of the file written to next. */
    public static final String OUTPUT_FILE = "outputFile";

    /** Where a request file goes once it was read: the done folder, or the error folder. */
    public static final String MOVE_TO = "moveTo";

    private ExchangeVariables() {
    }

    /** The {@code ApiKey} a request was made with, when keys are configured. */
    public static final String API_KEY = "apiKey";

    /** Seconds a client refused with 429 should wait, for the {@code Retry-After} header. */
    public static final String RETRY_AFTER = "retryAfterSeconds";

    /** The access-log record of the HTTP request behind the exchange, when access logging is on. */
    public static final String ACCESS_RECORD = "accessRecord";

    /** The servers a request to Ollama may go to and how its attempts went ({@code io.github.ollamaproxy.servers.UpstreamAttempts}). */
    public static final String UPSTREAM_ATTEMPTS = "upstreamAttempts";

    /** The base URL of the Ollama server the current attempt goes to. */
    public static final String UPSTREAM_URL = "upstreamUrl";

    /** The Ollama servers a model-management request goes to, one endpoint URI each ({@code List<String>}). */
    public static final String EVERY_SERVER = "everyServer";
}
