package io.github.ollamaproxy;

import io.github.ollamaproxy.security.CreateKeyCommand;
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
        if (args.length > 0 && CreateKeyCommand.NAME.equals(args[0])) {
            System.exit(CreateKeyCommand.run(args, System.getenv(), System.out, System.err));
        }
        SpringApplication.run(OllamaProxyApplication.class, args);
    }
}
