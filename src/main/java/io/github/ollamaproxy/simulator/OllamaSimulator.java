package io.github.ollamaproxy.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A deterministic stand-in for an Ollama server, listening on 127.0.0.1. It implements the native
 * endpoints the proxy and its tests need (chat, generate, embed, embeddings, tags, show, ps, pull,
 * push, create, copy, delete, blobs, version, {@code /}), streams tokens with a configurable delay,
 * can misbehave on purpose ({@link Fault}), and records what it received.
 *
 * <p>It is test and demo infrastructure: the proxy never depends on it, and it only runs when the
 * {@code demo} profile or a test starts it.
 */
public final class OllamaSimulator implements AutoCloseable {

    static {
        keepConnectionsLikeOllama();
    }

    private static final int MAX_RECORDED = 2000;
    private static final int MAX_RECORDED_BODY = 1 << 20;

    /** Like Ollama, no limit on the length of a string (a base64 image of many megabytes). */
    private final ObjectMapper json = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build()).build());
    private final Map<String, SimulatedModel> installed = new ConcurrentHashMap<>();
    private final Map<String, SimulatedModel> published = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastUsed = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> pulls = new ConcurrentHashMap<>();
    private final Set<String> blobs = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedDeque<RecordedRequest> requests = new ConcurrentLinkedDeque<>();
    private final List<EarlyClose> earlyCloses = new CopyOnWriteArrayList<>();
    private final AtomicLong largestBlobUpload = new AtomicLong();
    private final Map<String, AtomicInteger> failuresToCome = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> generating = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> peakGenerating = new ConcurrentHashMap<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final GenerationHandler generation = new GenerationHandler(this);
    private final ModelLibraryHandler library = new ModelLibraryHandler(this);
    private final EmbeddingHandler embeddings = new EmbeddingHandler(this);
    private final BlobHandler blobHandler = new BlobHandler(this);
    private final Instant startedAt = Instant.now();
    /**
     * The JDK server's switch for TCP_NODELAY, read once when its first server starts: without it a
     * small answer written in two parts waits for the client's delayed acknowledgement (about 40 ms).
     */
    private static final String NO_DELAY = "sun.net.httpserver.nodelay";

    private final HttpServer server;
    private final ExecutorService executor;
    private volatile Duration defaultTokenDelay;

    static {
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
    }

    private OllamaSimulator(int port, Duration tokenDelay) throws IOException {
        this.defaultTokenDelay = tokenDelay;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "ollama-simulator");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * Starts a simulator.
     *
     * @param port       the port on 127.0.0.1, or 0 for any free port
     * @param tokenDelay the pause before each streamed token
     */
    public static OllamaSimulator start(int port, Duration tokenDelay) throws IOException {
        return new OllamaSimulator(port, tokenDelay);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** Makes a model available at once (listed by tags). */
    public OllamaSimulator install(SimulatedModel model) {
        installed.put(model.name(), model);
        return this;
    }

    /** Makes a model pullable without installing it. */
    public OllamaSimulator publish(SimulatedModel model) {
        published.put(model.name(), model);
        return this;
    }

    public void uninstall(String name) {
        installed.remove(SimulatedModel.canonicalName(name));
    }

    public void setDefaultTokenDelay(Duration delay) {
        this.defaultTokenDelay = delay;
    }

    /** Everything received since the start or the last {@link #clearRecordings()}, oldest first. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** The requests received for one path, oldest first. */
    public List<RecordedRequest> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** The latest request received for one path whose JSON {@code model} is the given one. */
    public RecordedRequest lastRequest(String path, String model) {
        List<RecordedRequest> matching = requests(path).stream()
                .filter(r -> model.equals(r.json().path("model").asText(r.json().path("name").asText())))
                .toList();
        if (matching.isEmpty()) {
            throw new IllegalStateException("no request to " + path + " for model " + model);
        }
        return matching.get(matching.size() - 1);
    }

    /** How many pull requests named this model (in any spelling). */
    public long pullCount(String model) {
        AtomicLong count = pulls.get(SimulatedModel.canonicalName(model));
        return count == null ? 0 : count.get();
    }

    /** Streams whose reader went away before the end. */
    public List<EarlyClose> earlyCloses() {
        return List.copyOf(earlyCloses);
    }

    /** The size of the largest blob upload received, in bytes. */
    public long largestBlobUpload() {
        return largestBlobUpload.get();
    }

    /** Answers the next {@code count} chat and generate requests for a model with a 500, as an Ollama that crashed would. */
    public void failNextGenerations(String model, int count) {
        counter(failuresToCome, model).set(count);
    }

    /** The most chat and generate requests for a model that were in progress at the same time. */
    public int peakConcurrentGenerations(String model) {
        return counter(peakGenerating, model).get();
    }

    public void clearRecordings() {
        requests.clear();
        earlyCloses.clear();
    }

    @Override
    public void close() {
        stopped.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    Instant startedAt() {
        return startedAt;
    }

    Collection<SimulatedModel> installedModels() {
        List<SimulatedModel> models = new ArrayList<>(installed.values());
        models.sort(Comparator.comparing(SimulatedModel::name));
        return models;
    }

    Collection<SimulatedModel> loadedModels() {
        Instant since = Instant.now().minus(Duration.ofMinutes(5));
        return installedModels().stream()
                .filter(m -> lastUsed.getOrDefault(m.name(), Instant.MIN).isAfter(since))
                .toList();
    }

    SimulatedModel published(String name) {
        return published.get(SimulatedModel.canonicalName(name));
    }

    SimulatedModel requireInstalled(String name, String capability) {
        if (name == null || name.isBlank()) {
            throw new SimulatorError(404, "model '' not found");
        }
        SimulatedModel model = installed.get(SimulatedModel.canonicalName(name));
        if (model == null) {
            throw new SimulatorError(404, "model '" + name + "' not found");
        }
        if (capability != null && !model.capabilities().contains("completion")) {
            throw new SimulatorError(400, "\"" + name + "\" does not support " + capability);
        }
        return model;
    }

    Duration tokenDelay(SimulatedModel model) {
        return model.tokenDelay() != null ? model.tokenDelay() : defaultTokenDelay;
    }

    /** Counts a generation in; fails it when {@link #failNextGenerations} asked for it. */
    void generationStarted(SimulatedModel model) {
        if (counter(failuresToCome, model.name()).getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            throw new SimulatorError(500, "simulated server error");
        }
        counter(peakGenerating, model.name()).accumulateAndGet(counter(generating, model.name()).incrementAndGet(), Math::max);
    }

    void generationEnded(SimulatedModel model) {
        counter(generating, model.name()).decrementAndGet();
    }

    private static AtomicInteger counter(Map<String, AtomicInteger> counters, String model) {
        return counters.computeIfAbsent(SimulatedModel.canonicalName(model), name -> new AtomicInteger());
    }

    void markUsed(SimulatedModel model) {
        lastUsed.put(model.name(), Instant.now());
    }

    void recordPull(String name) {
        pulls.computeIfAbsent(SimulatedModel.canonicalName(name), n -> new AtomicLong()).incrementAndGet();
    }

    void recordEarlyClose(EarlyClose close) {
        earlyCloses.add(close);
    }

    void recordBlobUpload(long size) {
        largestBlobUpload.accumulateAndGet(size, Math::max);
    }

    boolean hasBlob(String hex) {
        return blobs.contains(hex);
    }

    boolean storeBlob(String hex) {
        return blobs.add(hex);
    }

    void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /**
     * Ollama's Go server keeps idle keep-alive connections open; the JDK server closes them after
     * 30 s or beyond 200 idle ones unless told otherwise. Its settings are read once, when its
     * first server is created, so an explicit setting by the user wins.
     */
    private static void keepConnectionsLikeOllama() {
        setIfAbsent("sun.net.httpserver.idleInterval", "3600");
        setIfAbsent("sun.net.httpserver.maxIdleConnections", "10000");
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    private void handle(HttpExchange http) throws IOException {
        Instant receivedAt = Instant.now();
        String path = http.getRequestURI().getRawPath();
        String method = http.getRequestMethod();
        boolean blob = path.startsWith(BlobHandler.PATH_PREFIX);
        InputStream in = http.getRequestBody();
        byte[] body = blob ? new byte[0] : in.readNBytes(Integer.MAX_VALUE);
        RecordedRequest request = new RecordedRequest(method, path, http.getRequestURI().getRawQuery(),
                headers(http), body.length > MAX_RECORDED_BODY ? new byte[0] : body, body.length, receivedAt);
        record(request);
        SimExchange exchange = new SimExchange(http, request, body, json);
        try {
            if (blob) {
                blobHandler.handle(exchange, in);
            } else {
                dispatch(exchange, method, path);
            }
        } catch (SimulatorError e) {
            exchange.sendError(e.status(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            http.close();
        }
    }

    private void dispatch(SimExchange exchange, String method, String path) throws IOException, InterruptedException {
        String route = method + " " + path;
        switch (route) {
            case "GET /", "HEAD /" -> exchange.sendText(200, "Ollama is running");
            case "GET /api/version", "HEAD /api/version" ->
                    exchange.sendJson(200, exchange.newObject().put("version", "0.13.5"));
            case "GET /api/tags", "HEAD /api/tags" -> library.tags(exchange);
            case "GET /api/ps" -> library.ps(exchange);
            case "POST /api/show" -> library.show(exchange);
            case "POST /api/pull" -> library.pull(exchange);
            case "POST /api/push" -> library.push(exchange);
            case "POST /api/create" -> library.create(exchange);
            case "POST /api/copy" -> library.copy(exchange);
            case "DELETE /api/delete" -> library.delete(exchange);
            case "POST /api/chat" -> generation.chat(exchange);
            case "POST /api/generate" -> generation.generate(exchange);
            case "POST /api/embed" -> embeddings.embed(exchange);
            case "POST /api/embeddings" -> embeddings.embeddings(exchange);
            default -> exchange.sendText(404, "404 page not found");
        }
    }

    private void record(RecordedRequest request) {
        requests.addLast(request);
        while (requests.size() > MAX_RECORDED) {
            requests.pollFirst();
        }
    }

    private static Map<String, List<String>> headers(HttpExchange http) {
        Map<String, List<String>> headers = new TreeMap<>();
        http.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
        return headers;
    }
}
