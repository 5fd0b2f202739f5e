package io.github.ollamaproxy.upstream;

import java.net.URI;
import java.util.Locale;


/**
 * One entry of {@code ollama-proxy.upstreams}: an Ollama server's base URL, its weight among equally
 * suitable servers and the name requests and reports use for it.
 *
 * @param url    base URL, e.g. {@code http://gpu1:11434} (scheme and port optional, as for
 *               {@code OLLAMA_PROXY_OLLAMA_HOST})
 * @param weight share of the requests it gets among servers that are otherwise equal; 1 when absent
 * @param name   name for the {@code X-Ollama-Proxy-Upstream} header, health and metrics; the URL's
 *               {@code host:port} when absent
 */
public record UpstreamEntry(String url, Integer weight, String name) {

    private static final String WEIGHT = ";weight=";

    /**
     * Reads the one-line form used in environment variables and comma-separated lists:
     * {@code http://gpu1:11434} or {@code http://gpu2:11434;weight=2}.
     */
    public static UpstreamEntry parse(String text) {
        String value = text.strip();
        int weightAt = value.toLowerCase(Locale.ROOT).indexOf(WEIGHT);
        if (weightAt < 0) {
            return new UpstreamEntry(value, null, null);
        }
        String weight = value.substring(weightAt + WEIGHT.length()).strip();
        try {
            return new UpstreamEntry(value.substring(0, weightAt), Integer.valueOf(weight), null);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("weight of upstream '" + value + "' is not a whole number");
        }
    }

    /** The base URL without trailing slash, port 11434 when none is given. */
    public URI baseUri() {
        return UpstreamProperties.baseUri(url, UpstreamProperties.DEFAULT_PORT);
    }

    /** The weight, at least 1. */
    public int effectiveWeight() {
        if (weight != null && weight < 1) {
            throw new IllegalArgumentException("weight of upstream " + url + " must be at least 1");
        }
        return weight == null ? 1 : weight;
    }

    /** The name, or {@code host:port} of the URL. */
    public String effectiveName() {
        return name != null && !name.isBlank() ? name.strip() : baseUri().getAuthority();
    }
}
