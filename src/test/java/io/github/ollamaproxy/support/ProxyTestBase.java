package io.github.ollamaproxy.support;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What every test of a running proxy needs: its port and a client for it. */
public abstract class ProxyTestBase {

    @LocalServerPort
    protected int port;

    protected ProxyClient client;

    @BeforeEach
    void connectClient() {
        client = new ProxyClient(port);
    }
}
