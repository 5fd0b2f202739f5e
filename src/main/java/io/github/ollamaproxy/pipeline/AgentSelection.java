package io.github.ollamaproxy.pipeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.ollamaproxy.agent.LlmRequest;
import io.github.ollamaproxy.models.ModelNames;
import io.github.ollamaproxy.plugins.AgentRegistry;
import io.github.ollamaproxy.plugins.RegisteredAgent;
import io.github.ollamaproxy.web.ProxyHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Chooses the agents of a request and strips the slash commands from the user's text before any
 * agent runs. Sources, in this order: slash commands ({@link SlashCommands}), the
 * {@code X-Ollama-Proxy-Agents} header (an unknown name there is a 400), then configuration
 * ({@link AgentProperties}), then agents that choose themselves ({@code Agent.isAutomatic}). Each agent once; the plan is sorted by agent order, ties keeping this
 * order. Leaves the plan in {@link ExchangeKeys#AGENT_PLAN}.
 */
@Component("selectAgents")
public class AgentSelection implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(AgentSelection.class);

    private final AgentRegistry registry;
    private final List<String> always;
    private final Map<String, List<String>> perModel = new HashMap<>();

    public AgentSelection(AgentRegistry registry, AgentProperties properties) {
        this.registry = registry;
        this.always = properties.always();
        properties.perModel().forEach((model, agents) -> perModel.put(ModelNames.canonical(model), agents));
    }

    @Override
    public void process(Exchange exchange) {
        LlmRequest request = exchange.getProperty(ExchangeKeys.REQUEST, LlmRequest.class);
        Map<String, RegisteredAgent> chosen = new LinkedHashMap<>();
        request.userText().ifPresent(text -> {
            SlashCommands.Parsed parsed = SlashCommands.parse(text, registry::isAgent);
            if (parsed.found()) {
                request.setUserText(parsed.remainder());
                exchange.removeProperty(ExchangeKeys.ORIGINAL_BODY);
                parsed.agents().forEach(name -> registry.find(name).ifPresent(agent -> chosen.put(name, agent)));
            }
        });
        String header = exchange.getMessage().getHeader(ProxyHeaders.AGENTS, String.class);
        if (header != null) {
            for (String name : header.split(",")) {
                if (!name.isBlank()) {
                    RegisteredAgent agent = registry.find(name.strip())
                            .orElseThrow(() -> new UnknownAgentException(name.strip(), loadedNames()));
                    chosen.putIfAbsent(agent.name(), agent);
                }
            }
        }
        configured(request.model()).forEach(name -> registry.find(name).ifPresentOrElse(
                agent -> chosen.putIfAbsent(agent.name(), agent),
                () -> LOG.debug("Configured agent {} is not registered; skipped", name)));
        registry.automatic(request).forEach(agent -> chosen.putIfAbsent(agent.name(), agent));
        List<RegisteredAgent> plan = new ArrayList<>(chosen.values());
        plan.sort(Comparator.comparingInt(RegisteredAgent::order));
        exchange.setProperty(ExchangeKeys.AGENT_PLAN, plan);
    }

    private List<String> configured(String model) {
        List<String> names = new ArrayList<>(always);
        if (!model.isBlank()) {
            names.addAll(perModel.getOrDefault(ModelNames.canonical(model), List.of()));
        }
        return names;
    }

    private List<String> loadedNames() {
        return registry.all().stream().filter(RegisteredAgent::isLoaded).map(RegisteredAgent::name).toList();
    }
}
