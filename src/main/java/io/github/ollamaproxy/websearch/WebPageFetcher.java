package io.github.ollamaproxy.websearch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Fetches the page of a web result through the {@code web-page} route, only for the hosts listed in
 * {@code fetch-hosts} (and their sub-domains); the page is read up to {@value #MAX_BYTES} bytes and
 * parsed with jsoup, which finds its character set.
 */
@Component
public class WebPageFetcher {

    static final String ROUTE = "direct:web-page";
    static final int MAX_BYTES = 2 * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(WebPageFetcher.class);

    private final Set<String> hosts;
    private final ProducerTemplate template;

    public WebPageFetcher(WebSearchProperties properties, ProducerTemplate template) {
        this.hosts = properties.fetchHosts().stream().map(host -> host.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        this.template = template;
    }

    /** Whether the page at {@code url} may be fetched. */
    public boolean allowed(String url) {
        try {
            URI uri = URI.create(url);
            String host = uri.getHost();
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (host == null || !(scheme.equals("http") || scheme.equals("https"))) {
                return false;
            }
            String lower = host.toLowerCase(Locale.ROOT);
            return hosts.stream().anyMatch(allowed -> lower.equals(allowed) || lower.endsWith("." + allowed));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The page as an HTML document, empty when it is not allowed or cannot be fetched. */
    public Optional<Document> fetch(String url) {
        if (!allowed(url)) {
            return Optional.empty();
        }
        try {
            Exchange result = template.request(ROUTE, exchange -> {
                exchange.getMessage().setHeader(Exchange.HTTP_METHOD, "GET");
                exchange.getMessage().setHeader(Exchange.HTTP_URI, url);
                exchange.getMessage().setHeader("Accept", "text/html");
            });
            if (result.getException() != null) {
                LOG.debug("Fetching {} failed: {}", url, result.getException().getMessage());
                return Optional.empty();
            }
            try (InputStream body = result.getMessage().getBody(InputStream.class)) {
                if (body == null) {
                    return Optional.empty();
                }
                byte[] bytes = body.readNBytes(MAX_BYTES);
                return Optional.of(Jsoup.parse(new ByteArrayInputStream(bytes), null, url));
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("Fetching {} failed: {}", url, e.getMessage());
            return Optional.empty();
        }
    }
}
