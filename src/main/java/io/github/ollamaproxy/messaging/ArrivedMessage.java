package io.github.ollamaproxy.messaging;

import java.util.Map;

/**
 * A message as it arrived at an entry point, kept aside while its request goes to Ollama (none of
 * its headers may reach Ollama as an HTTP header) and put back for the answer; a redelivery starts
 * again from it.
 */
record ArrivedMessage(byte[] body, Map<String, Object> headers) {
}
