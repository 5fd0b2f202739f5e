package io.github.ollamaproxy.chain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.ollamaproxy.agent.LlmRequest;
import io.github.ollamaproxy.exchange.ExchangeVariables;
import io.github.ollamaproxy.models.ModelNames;
import io.github.ollamaproxy.web.ProxyHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Chooses the agents of a request and strips the slash commands from the user's text before any
 * agent runs. Sources, in this order: slash commands ({@link SlashCommands}), the
 * {@code X-Ollama-Proxy-Agents} header (an unknown name there is a 400), configuration
 * ({@link AgentProperties}), then agents that choose themselves ({@code Agent.isAutomatic}). Leaves
 * the {@link AgentPlan} in the variable {@value ExchangeVariables#AGENTS}, where content-based rules
 * in YAML may add more.
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
        LlmRequest request = exchange.getVariable(ExchangeVariables.REQUEST, LlmRequest.class);
        AgentPlan plan = new AgentPlan(request, registry);
        request.userText().ifPresent(text -> {
            SlashCommands.Parsed parsed = SlashCommands.parse(text, registry::isAgent);
            if (parsed.found()) {
                request.setUserText(parsed.remainder());
                exchange.removeVariable(ExchangeVariables.ORIGINAL_BODY);
                parsed.agents().forEach(plan::add);
            }
        });
        String header = exchange.getMessage().getHeader(ProxyHeaders.AGENTS, String.class);
        if (header != null) {
            for (String name : header.split(",")) {
                if (!name.isBlank() && !plan.add(name.strip())) {
                    throw new UnknownAgentException(name.strip(), loadedNames());
                }
            }
        }
        for (String name : configured(request.model())) {
            if (!plan.add(name)) {
                LOG.debug("Configured agent {} is not registered; skipped", name);
            }
        }
        registry.automatic(request).forEach(plan::add);
        exchange.setVariable(ExchangeVariables.AGENTS, plan);
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
