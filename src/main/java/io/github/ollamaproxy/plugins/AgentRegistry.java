package io.github.ollamaproxy.plugins;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.github.ollamaproxy.agent.Agent;
import io.github.ollamaproxy.agent.LlmRequest;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Every agent the proxy knows, by lower-case name: Spring beans first, then plugin jars, then YAML
 * routes (looked up live). A name taken twice, an invalid name or a provider that cannot be loaded
 * gives a failed entry that {@code GET /plugins} shows with its reason.
 */
@Component
public class AgentRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(AgentRegistry.class);
    private static final Pattern VALID_NAME = Pattern.compile("[\\p{L}\\p{N}_]+");

    private final Map<String, RegisteredAgent> loaded = new LinkedHashMap<>();
    private final List<RegisteredAgent> failed = new ArrayList<>();
    private final RouteAgents routeAgents;

    public AgentRegistry(List<Agent> beans, PluginProperties plugins, CamelContext camel) {
        this.routeAgents = new RouteAgents(camel, camel.createProducerTemplate());
        beans.forEach(agent -> register(agent, AgentSource.BEAN, agent.getClass().getName()));
        for (PluginJarLoader.JarAgent jarAgent : new PluginJarLoader().load(plugins.dir())) {
            if (jarAgent.agent() == null) {
                failed.add(RegisteredAgent.failed(jarAgent.failedProvider(), AgentSource.JAR, jarAgent.origin(),
                        jarAgent.failure()));
            } else {
                register(jarAgent.agent(), AgentSource.JAR, jarAgent.origin());
            }
        }
        LOG.info("Agents from beans and plugin jars: {}", loaded.keySet());
    }

    /** The loaded agent with this name (case-insensitive). */
    public Optional<RegisteredAgent> find(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        RegisteredAgent agent = loaded.get(key);
        return agent != null ? Optional.of(agent) : routeAgents.find(key);
    }

    /** The loaded bean and jar agents that want to run on this request without being asked. */
    public List<RegisteredAgent> automatic(LlmRequest request) {
        List<RegisteredAgent> automatic = new ArrayList<>();
        for (RegisteredAgent agent : loaded.values()) {
            try {
                if (agent.agent().isAutomatic(request)) {
                    automatic.add(agent);
                }
            } catch (RuntimeException e) {
                LOG.warn("Agent {} failed to tell whether it runs automatically: {}", agent.name(), e.toString());
            }
        }
        return automatic;
    }

    public boolean isAgent(String name) {
        return find(name).isPresent();
    }

    /** All agents, loaded and failed, by order then name. */
    public List<RegisteredAgent> all() {
        List<RegisteredAgent> all = new ArrayList<>(loaded.values());
        all.addAll(failed);
        for (RegisteredAgent routeAgent : routeAgents.all()) {
            all.add(loaded.containsKey(routeAgent.name())
                    ? RegisteredAgent.failed(routeAgent.name(), AgentSource.YAML, routeAgent.origin(),
                            "duplicate agent name, already provided by " + loaded.get(routeAgent.name()).origin())
                    : routeAgent);
        }
        all.sort(Comparator.comparingInt(RegisteredAgent::order).thenComparing(RegisteredAgent::name));
        return all;
    }

    private void register(Agent agent, AgentSource source, String origin) {
        RegisteredAgent candidate;
        try {
            String name = agent.name();
            if (name == null || !VALID_NAME.matcher(name).matches()) {
                failed.add(RegisteredAgent.failed(String.valueOf(name), source, origin,
                        "invalid agent name: use letters, digits and underscores"));
                return;
            }
            candidate = RegisteredAgent.loaded(agent, name.toLowerCase(Locale.ROOT), source, origin);
        } catch (RuntimeException e) {
            failed.add(RegisteredAgent.failed(agent.getClass().getName(), source, origin,
                    "cannot read name, description or order: " + e));
            return;
        }
        RegisteredAgent existing = loaded.get(candidate.name());
        if (existing != null) {
            LOG.warn("Agent {} from {} ignored: the name is already provided by {}", candidate.name(), origin,
                    existing.origin());
            failed.add(RegisteredAgent.failed(candidate.name(), source, origin,
                    "duplicate agent name, already provided by " + existing.origin()));
            return;
        }
        loaded.put(candidate.name(), candidate);
    }
}
