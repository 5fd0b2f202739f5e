package io.github.ollamaproxy.chain;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Agents chosen by configuration rather than by the request.
 *
 * @param always   agents run on every chat and generate request
 * @param perModel agents run on every chat and generate request for a model (keys are model
 *                 names, {@code llama3} meaning {@code llama3:latest}; in properties files write
 *                 them in brackets: {@code per-model[llama3.2:latest]=opt})
 */
@ConfigurationProperties("ollama-proxy.agents")
public record AgentProperties(@DefaultValue({}) List<String> always,
        @DefaultValue({}) Map<String, List<String>> perModel) {
}
