package io.github.ollamaproxy.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import io.github.ollamaproxy.support.HostileRequest;
import io.github.ollamaproxy.support.ProxyClient;
import io.github.ollamaproxy.support.RawHttp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile request bodies, sent byte for byte: JSON that is not JSON or not an object, JSON built to
 * exhaust a parser, and wrong types or values in the fields the proxy reads itself (the model
 * name, the messages, the prompt, {@code stream}, {@code options}, {@code tools}, OpenAI's sampling
 * ranges), and bodies the proxy's own endpoints cannot read. Each gets a 400 naming the problem in
 * the called API's shape, and none reaches Ollama.
 */
class HostileBodyTests extends HostileRequestTest {

    private static final String CHAT = "/api/chat";
    private static final String GENERATE = "/api/generate";
    private static final String EMBED = "/api/embed";
    private static final String OPENAI_CHAT = "/v1/chat/completions";
    private static final String OPENAI_COMPLETIONS = "/v1/completions";
    private static final String OPENAI_EMBEDDINGS = "/v1/embeddings";
    private static final String MESSAGES = "'messages':[{'role':'user','content':'hi'}]";

    static Stream<HostileRequest> bodiesThatAreNotAJsonObject() {
        return Stream.of(
                body(CHAT, "", "missing request body"),
                body(OPENAI_CHAT, "", "missing request body"),
                body(CHAT, "{", "invalid JSON"),
                body(GENERATE, "{'model':", "invalid JSON"),
                body(OPENAI_CHAT, "{'model': }", "invalid JSON"),
                body(CHAT, "[1,2]", "must be a JSON object"),
                body(GENERATE, "'hi'", "must be a JSON object"),
                body(EMBED, "42", "must be a JSON object"),
                body(OPENAI_CHAT, "[]", "must be a JSON object"),
                body(OPENAI_EMBEDDINGS, "true", "must be a JSON object"),
                body(CHAT, "{'model':'llama3.2'} trailing", "invalid JSON"),
                body(CHAT, "{'model':'llama3.2',}", "invalid JSON"),
                body(CHAT, "{model:'llama3.2'}", "invalid JSON"),
                raw(CHAT, "[".repeat(5000) + "]".repeat(5000), "nesting depth"),
                raw(OPENAI_CHAT, "{\"a\":".repeat(3000) + "1" + "}".repeat(3000), "nesting depth"),
                raw(GENERATE, "{\"model\":\"llama3.2\",\"options\":{\"seed\":" + "9".repeat(5000) + "}}", "Number value length"),
                raw(CHAT, "{\"model\":\"llama3.2\",\"x\":\"\\uZZZZ\"}", "invalid JSON"),
                new HostileBody(CHAT, new byte[] {'{', '"', 'm', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}'}, "Invalid UTF-8")
                        .request(),
                new HostileBody(OPENAI_CHAT, new byte[] {'{', '"', (byte) 0xe2, (byte) 0x28, (byte) 0xa1, '"', ':', '1', '}'}, "Invalid UTF-8")
                        .request());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void bodiesThatAreNotAJsonObject(HostileRequest request) {
        assertRefused(request);
    }

    static Stream<HostileRequest> modelNamesThatMayNotGoUpstream() {
        return Stream.of(
                body(CHAT, "{'model':5," + MESSAGES + "}", "model must be a string"),
                body(GENERATE, "{'model':{'name':'x'},'prompt':'hi'}", "model must be a string"),
                body(EMBED, "{'model':['a'],'input':'hi'}", "model must be a string"),
                body(OPENAI_CHAT, "{'model':true," + MESSAGES + "}", "model"),
                body(CHAT, "{'model':'" + "m".repeat(300) + "'," + MESSAGES + "}", "longer than 256"),
                body(OPENAI_COMPLETIONS, "{'model':'" + "m".repeat(300) + "','prompt':'hi'}", "longer than 256"),
                body(CHAT, "{'model':'llama3.2\\r\\nX-Injected: 1'," + MESSAGES + "}", "invalid model name"),
                body(GENERATE, "{'model':'llama3.2\\u0000','prompt':'hi'}", "invalid model name"),
                body(EMBED, "{'model':'llama 3.2','input':'hi'}", "invalid model name"),
                body(CHAT, "{'model':'../../x'," + MESSAGES + "}", "invalid model name"),
                body(GENERATE, "{'model':'library/./x','prompt':'hi'}", "invalid model name"),
                body(CHAT, "{'model':'a//b'," + MESSAGES + "}", "invalid model name"),
                body(CHAT, "{'model':'/abs'," + MESSAGES + "}", "invalid model name"),
                body(CHAT, "{'model':'https://evil.example/x'," + MESSAGES + "}", "invalid model name"),
                body(GENERATE, "{'model':'file:///etc/passwd','prompt':'hi'}", "invalid model name"),
                body(EMBED, "{'model':'http://127.0.0.1:8080/m','input':'hi'}", "invalid model name"),
                body(OPENAI_CHAT, "{'model':'https://evil.example/x'," + MESSAGES + "}", "invalid model name"),
                body(OPENAI_COMPLETIONS, "{'model':'file:///etc/passwd','prompt':'hi'}", "invalid model name"),
                body(OPENAI_EMBEDDINGS, "{'model':'ftp://x/y','input':'hi'}", "invalid model name"),
                body(CHAT, "{'model':'${jndi:ldap://evil/x}'," + MESSAGES + "}", "invalid model name"),
                body(CHAT, "{'model':'llama3.2?pull=1'," + MESSAGES + "}", "invalid model name"),
                body(GENERATE, "{'model':'llama3.2#x','prompt':'hi'}", "invalid model name"),
                body(OPENAI_CHAT, "{'model':'llama3.2\\t'," + MESSAGES + "}", "invalid model name"),
                body(OPENAI_EMBEDDINGS, "{'model':'<script>','input':'hi'}", "invalid model name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void modelNamesThatMayNotGoUpstream(HostileRequest request) {
        assertRefused(request);
    }

    static Stream<HostileRequest> nativeFieldsOfTheWrongType() {
        return Stream.of(
                body(CHAT, "{'model':'llama3.2','messages':'hi'}", "'messages' must be an array"),
                body(CHAT, "{'model':'llama3.2','messages':{'role':'user'}}", "'messages' must be an array"),
                body(CHAT, "{'model':'llama3.2','messages':['hi']}", "'messages[0]' must be an object"),
                body(CHAT, "{'model':'llama3.2','messages':[{'role':'user','content':'a'},null]}", "'messages[1]' must be an object"),
                body(CHAT, "{'model':'llama3.2','messages':[{'role':1,'content':'hi'}]}", "'messages[0].role' must be a string"),
                body(CHAT, "{'model':'llama3.2','messages':[{'role':'user','content':5}]}", "'messages[0].content' must be a string"),
                body(CHAT, "{'model':'llama3.2','messages':[{'role':'user','content':{'text':'x'}}]}", "content' must be a string"),
                body(CHAT, "{'model':'llama3.2','messages':[{'role':'user','content':[{'type':'text'}]}]}", "content' must be a string"),
                body(CHAT, "{'model':'llama3.2','messages':[{'role':'user','content':'hi','images':'abc'}]}", "images' must be an array"),
                body(CHAT, "{'model':'llama3.2','messages':[{'role':'user','content':'hi','images':[1]}]}", "images' must be an array"),
                body(CHAT, "{'model':'llama3.2'," + MESSAGES + ",'stream':'yes'}", "'stream' must be true or false"),
                body(CHAT, "{'model':'llama3.2'," + MESSAGES + ",'stream':1}", "'stream' must be true or false"),
                body(CHAT, "{'model':'llama3.2'," + MESSAGES + ",'options':[1]}", "'options' must be an object"),
                body(CHAT, "{'model':'llama3.2'," + MESSAGES + ",'options':'fast'}", "'options' must be an object"),
                body(CHAT, "{'model':'llama3.2'," + MESSAGES + ",'options':{'temperature':'hot'}}", "'options.temperature' must be a number"),
                body(CHAT, "{'model':'llama3.2'," + MESSAGES + ",'options':{'num_ctx':'big'}}", "'options.num_ctx' must be a number"),
                body(CHAT, "{'model':'llama3.2'," + MESSAGES + ",'options':{'num_ctx':-5}}", "'options.num_ctx' must not be negative"),
                body(CHAT, "{'model':'llama3.2'," + MESSAGES + ",'options':{'stop':5}}", "'options.stop' must be a string or an array"),
                body(CHAT, "{'model':'llama3.2'," + MESSAGES + ",'options':{'stop':['a',1]}}", "'options.stop' must be a string or an array"),
                body(CHAT, "{'model':'llama3.2'," + MESSAGES + ",'options':{'use_mmap':'yes'}}", "'options.use_mmap' must be true or false"),
                body(CHAT, "{'model':'llama3.2'," + MESSAGES + ",'tools':{}}", "'tools' must be an array"),
                body(CHAT, "{'model':'llama3.2'," + MESSAGES + ",'tools':'all'}", "'tools' must be an array"),
                body(GENERATE, "{'model':'llama3.2','prompt':5}", "'prompt' must be a string"),
                body(GENERATE, "{'model':'llama3.2','prompt':['a']}", "'prompt' must be a string"),
                body(GENERATE, "{'model':'llama3.2','prompt':'hi','system':{}}", "'system' must be a string"),
                body(GENERATE, "{'model':'llama3.2','prompt':'hi','suffix':1}", "'suffix' must be a string"),
                body(GENERATE, "{'model':'llama3.2','prompt':'hi','images':'abc'}", "'images' must be an array"),
                body(GENERATE, "{'model':'llama3.2','prompt':'hi','stream':'no'}", "'stream' must be true or false"),
                body(GENERATE, "{'model':'llama3.2','prompt':'hi','options':[]}", "'options' must be an object"),
                body(GENERATE, "{'model':'llama3.2','prompt':'hi','options':{'top_k':'many'}}", "'options.top_k' must be a number"),
                body(GENERATE, "{'model':'llama3.2','prompt':'hi','options':{'seed':{}}}", "'options.seed' must be a number"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void nativeFieldsOfTheWrongType(HostileRequest request) {
        assertRefused(request);
    }

    static Stream<HostileRequest> openAiFieldsOutOfRange() {
        return Stream.of(
                body(OPENAI_CHAT, "{'model':'llama3.2'," + MESSAGES + ",'temperature':5}", "'temperature' must be between 0 and 2"),
                body(OPENAI_CHAT, "{'model':'llama3.2'," + MESSAGES + ",'temperature':-1}", "'temperature' must be between 0 and 2"),
                body(OPENAI_CHAT, "{'model':'llama3.2'," + MESSAGES + ",'temperature':'hot'}", "temperature"),
                body(OPENAI_CHAT, "{'model':'llama3.2'," + MESSAGES + ",'top_p':2}", "'top_p' must be between 0 and 1"),
                body(OPENAI_CHAT, "{'model':'llama3.2'," + MESSAGES + ",'presence_penalty':3}", "'presence_penalty' must be between -2 and 2"),
                body(OPENAI_CHAT, "{'model':'llama3.2'," + MESSAGES + ",'frequency_penalty':-3}", "'frequency_penalty' must be between -2 and 2"),
                body(OPENAI_CHAT, "{'model':'llama3.2'," + MESSAGES + ",'max_tokens':0}", "max_tokens"),
                body(OPENAI_CHAT, "{'model':'llama3.2'," + MESSAGES + ",'max_tokens':-1}", "max_tokens"),
                body(OPENAI_CHAT, "{'model':'llama3.2'," + MESSAGES + ",'max_tokens':'ten'}", "max_tokens"),
                body(OPENAI_CHAT, "{'model':'llama3.2'," + MESSAGES + ",'max_completion_tokens':0}", "max_completion_tokens"),
                body(OPENAI_CHAT, "{'model':'llama3.2'," + MESSAGES + ",'seed':1.5}", "seed"),
                body(OPENAI_CHAT, "{'model':'llama3.2'," + MESSAGES + ",'seed':'x'}", "seed"),
                body(OPENAI_CHAT, "{'model':'llama3.2'," + MESSAGES + ",'n':2}", "n"),
                body(OPENAI_CHAT, "{'model':'llama3.2'," + MESSAGES + ",'stream':'yes'}", "stream"),
                body(OPENAI_CHAT, "{'model':'llama3.2','messages':[]}", "too short"),
                body(OPENAI_CHAT, "{'model':'llama3.2'}", "messages"),
                body(OPENAI_CHAT, "{" + MESSAGES + "}", "model"),
                body(OPENAI_CHAT, "{'model':'llama3.2','messages':'hi'}", "messages"),
                body(OPENAI_CHAT, "{'model':'llama3.2','messages':[{'role':'user','content':5}]}", "content"),
                body(OPENAI_COMPLETIONS, "{'model':'llama3.2','prompt':'hi','temperature':9}", "'temperature' must be between 0 and 2"),
                body(OPENAI_COMPLETIONS, "{'model':'llama3.2','prompt':'hi','top_p':-0.5}", "'top_p' must be between 0 and 1"),
                body(OPENAI_COMPLETIONS, "{'model':'llama3.2','prompt':'hi','max_tokens':0}", "max_tokens"),
                body(OPENAI_EMBEDDINGS, "{'model':'llama3.2','input':{'a':1}}", "input"),
                body(OPENAI_EMBEDDINGS, "{'input':'hi'}", "model"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void openAiFieldsOutOfRange(HostileRequest request) {
        assertRefused(request);
    }

    static Stream<HostileRequest> bodiesTheProxysOwnEndpointsCannotRead() {
        return Stream.of(
                admin("POST", "/rag/reindex", "application/json", "{bad"),
                admin("POST", "/rag/reindex", "text/plain", "hello"),
                admin("DELETE", "/optimizer/templates/1", "application/json", "{bad"),
                admin("DELETE", "/optimizer/templates", "application/json", "[1,"),
                admin("GET", "/plugins", "text/plain", "hello"),
                admin("GET", "/rag/search?q=port", "application/json", "{bad"),
                admin("GET", "/rag/status", "multipart/form-data; boundary=x", "--x--"),
                admin("GET", "/optimizer/templates", "application/json", "nul"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void bodiesTheProxysOwnEndpointsCannotRead(HostileRequest request) {
        assertRefused(request);
    }

    @ParameterizedTest(name = "{0} {1} as {2}")
    @CsvSource(delimiter = '|', value = {
            "GET | /health | multipart/form-data; boundary=x | --x--",
            "GET | /plugins | text/plain | ''",
            "GET | /plugins | application/octet-stream | ''",
            "GET | /rag/status | multipart/form-data; boundary=x | ''",
            "GET | /optimizer/templates | text/plain | {}",
            "GET | /rag/search?q=port | */* | ''",
            "GET | /actuator/health | */* | ''",
            "GET | /api/tags | text/html | ''",
            "POST | /api/chat | multipart/form-data; boundary=x | {\"model\":\"llama3.2\",\"stream\":false,\"messages\":[]}",
            "POST | /api/generate | text/plain | {\"model\":\"llama3.2\",\"stream\":false,\"prompt\":\"hi\"}",
            "POST | /v1/chat/completions | application/x-www-form-urlencoded | {\"model\":\"llama3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"})
    void aContentTypeThatDoesNotFitTheBodyDoesNotMatter(String method, String target, String contentType, String body) {
        RawHttp.Answer answer = HostileRequest.of(method, target).header("Content-Type: " + contentType)
                .body(body.getBytes(StandardCharsets.UTF_8)).send(http, "content-type");

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.header("content-type")).contains("json");
        assertThat(ProxyClient.json(answer.text()).isContainerNode()).isTrue();
    }

    private static HostileRequest admin(String method, String target, String contentType, String body) {
        return HostileRequest.of(method, target).header("Content-Type: " + contentType)
                .body(body.getBytes(StandardCharsets.UTF_8)).expect(400, "invalid JSON in request body");
    }

    /** A JSON body written with single quotes for readability. */
    private static HostileRequest body(String path, String singleQuoted, String message) {
        return raw(path, singleQuoted.replace('\'', '"'), message);
    }

    private static HostileRequest raw(String path, String json, String message) {
        return new HostileBody(path, json.getBytes(StandardCharsets.UTF_8), message).request();
    }

    /** A POST of raw JSON bytes expected to be refused with 400. */
    private record HostileBody(String path, byte[] bytes, String message) {

        HostileRequest request() {
            String shown = new String(bytes, StandardCharsets.UTF_8);
            return HostileRequest.of("POST", path).header("Content-Type: application/json").body(bytes)
                    .expect(400, message).as("POST " + path + " " + (shown.length() > 70 ? shown.substring(0, 70) + "…" : shown));
        }
    }
}
