package io.github.ollamaproxy.hostile;

import io.github.ollamaproxy.support.HostileRequest;
import io.github.ollamaproxy.support.ProxyIntegrationTest;
import io.github.ollamaproxy.support.RawHttp;
import org.junit.jupiter.api.BeforeEach;

/** Base of the tables of hostile requests: sends each byte for byte and checks its refusal. */
abstract class HostileRequestTest extends ProxyIntegrationTest {

    protected RawHttp http;

    @BeforeEach
    void rawClient() {
        http = new RawHttp(port);
    }

    /** Sends the request and checks that it is refused as the row says and never reaches Ollama. */
    protected void assertRefused(HostileRequest request) {
        request.assertRefused(http, SIMULATOR);
    }
}
