package io.github.ollamaproxy.security;

import io.github.ollamaproxy.exchange.ExchangeVariables;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Puts the {@link ApiKey} {@link ApiKeyFilter} found for the HTTP request into the variable
 * {@value ExchangeVariables#API_KEY}, for the limits and usage steps; leaves it unset for requests
 * without a key (keys off, message-driven entry points).
 */
@Component("identifyKey")
public class KeyOfRequest implements Processor {

    @Override
    public void process(Exchange exchange) {
        HttpServletRequest request = exchange.getMessage().getHeader(Exchange.HTTP_SERVLET_REQUEST,
                HttpServletRequest.class);
        if (request != null && request.getAttribute(ApiKeyFilter.KEY_ATTRIBUTE) instanceof ApiKey key) {
            exchange.setVariable(ExchangeVariables.API_KEY, key);
        }
    }
}
