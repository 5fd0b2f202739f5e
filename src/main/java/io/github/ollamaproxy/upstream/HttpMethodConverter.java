package io.github.ollamaproxy.upstream;

import java.util.Locale;

import org.apache.camel.Exchange;
import org.apache.camel.component.http.HttpMethods;
import org.apache.camel.support.TypeConverterSupport;

/**
 * Converts the {@code CamelHttpMethod} header's text to the HTTP producer's {@link HttpMethods},
 * which it asks for on every call. Without a converter registered for exactly this pair, Camel
 * finds its generic enum conversion by scanning its converters on every request.
 */
final class HttpMethodConverter extends TypeConverterSupport {

    @Override
    public <T> T convertTo(Class<T> type, Exchange exchange, Object value) {
        return type.cast(HttpMethods.valueOf(value.toString().trim().toUpperCase(Locale.ROOT)));
    }
}
