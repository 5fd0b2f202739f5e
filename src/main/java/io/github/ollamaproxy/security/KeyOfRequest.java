package io.github.ollamaproxy.security;

import io.github.ollamaproxy.exchange.ExchangeVariables;
import io.github.ollamaproxy.web.AccessRecord;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Puts the {@link ApiKey} {@link ApiKeyFilter} found for the HTTP request into the variable
 * {@value ExchangeVariables#API_KEY}, for the limits and usage steps, and the request's access-log
 * record into {@value ExchangeVariables#ACCESS_RECORD}: the HTTP request is out of reach once Ollama
 * answered. Leaves them unset for requests without them (keys off, message-driven entry points).
 */
@Component("identifyKey")
public class KeyOfRequest implements Processor {

    @Override
    public void process(Exchange exchange) {
        HttpServletRequest request = exchange.getMessage().getHeader(Exchange.HTTP_SERVLET_REQUEST,
                HttpServletRequest.class);
        if (request == null) {
            return;
        }
        if (request.getAttribute(ApiKeyFilter.KEY_ATTRIBUTE) instanceof ApiKey key) {
            exchange.setVariable(ExchangeVariables.API_KEY, key);
        }
        AccessRecord record = AccessRecord.of(request);
        if (record != null) {
            exchange.setVariable(ExchangeVariables.ACCESS_RECORD, record);
        }
    }
}
