package io.github.ollamaproxy;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The Ollama smart proxy: Ollama's native API and agent pipeline on one port, as Camel routes
 * loaded from the {@code routes/} folder.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class OllamaProxyApplication {

    public static void main(String[] args) {
        SpringApplication.run(OllamaProxyApplication.class, args);
    }
}
