package io.github.ollamaproxy.chain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.github.ollamaproxy.agent.Agent;
import io.github.ollamaproxy.agent.LlmRequest;
import io.github.ollamaproxy.plugins.PluginJarLoader;
import io.github.ollamaproxy.plugins.PluginProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Every agent the proxy knows, by lower-case name. Java agents come from Spring beans and plugin
 * jars; every agent, Java or not, runs as the routes of its steps ({@link AgentRouteIndex}). Where
 * an agent runs among others, for which models and endpoints, and what guards it, are the
 * parameters of its request route ({@link AgentTemplates}). A name taken twice, an invalid name, a
 * provider that cannot be loaded or a Java agent without a route gives a failed entry that
 * {@code GET /plugins} shows with its reason.
 */
@Component
public class AgentRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(AgentRegistry.class);
    private static final Pattern VALID_NAME = Pattern.compile("[\\p{L}\\p{N}_]+");

    /** A Java agent and where it comes from. */
    record JavaAgent(Agent agent, AgentSource source, String origin) {
    }

    private final Map<String, JavaAgent> javaAgents = new LinkedHashMap<>();
    private final List<RegisteredAgent> failed = new ArrayList<>();
    private final AgentRouteIndex routes;

    public AgentRegistry(List<Agent> beans, PluginProperties plugins, AgentRouteIndex routes) {
        this.routes = routes;
        beans.forEach(agent -> register(agent, AgentSource.BEAN, agent.getClass().getName()));
        for (PluginJarLoader.JarAgent jarAgent : new PluginJarLoader().load(plugins.dir())) {
            if (jarAgent.agent() == null) {
                failed.add(RegisteredAgent.failed(jarAgent.failedProvider(), AgentSource.JAR, jarAgent.origin(),
                        jarAgent.failure()));
            } else {
                register(jarAgent.agent(), AgentSource.JAR, jarAgent.origin());
            }
        }
        LOG.info("Java agents from beans and plugin jars: {}", javaAgents.keySet());
    }

    /** The agent with this name (case-insensitive), loaded or failed. */
    public Optional<RegisteredAgent> find(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        JavaAgent java = javaAgents.get(key);
        Optional<AgentRoute> request = routes.route(key, AgentStep.REQUEST);
        if (request.isEmpty()) {
            return Optional.ofNullable(java == null ? null
                    : RegisteredAgent.failed(key, java.source(), java.origin(),
                            "no route " + AgentStep.REQUEST.endpoint(key) + " is running"));
        }
        return Optional.of(describe(key, java, request.get()));
    }

    /** Whether an agent of this name can run. */
    public boolean isAgent(String name) {
        return find(name).filter(RegisteredAgent::isLoaded).isPresent();
    }

    /** The Java agent with this name. */
    public Optional<Agent> javaAgent(String name) {
        JavaAgent java = javaAgents.get(name.toLowerCase(Locale.ROOT));
        return Optional.ofNullable(java == null ? null : java.agent());
    }

    /** The Java agents, by name. */
    Map<String, Agent> javaAgents() {
        Map<String, Agent> agents = new LinkedHashMap<>();
        javaAgents.forEach((name, java) -> agents.put(name, java.agent()));
        return agents;
    }

    /** The Java agents that want to run on this request without being asked. */
    public List<RegisteredAgent> automatic(LlmRequest request) {
        List<RegisteredAgent> automatic = new ArrayList<>();
        javaAgents.forEach((name, java) -> {
            try {
                if (java.agent().isAutomatic(request)) {
                    find(name).filter(RegisteredAgent::isLoaded).ifPresent(automatic::add);
                }
            } catch (RuntimeException e) {
                LOG.warn("Agent {} failed to tell whether it runs automatically: {}", name, e.toString());
            }
        });
        return automatic;
    }

    /** All agents, loaded and failed, by position then name. */
    public List<RegisteredAgent> all() {
        TreeSet<String> names = new TreeSet<>(javaAgents.keySet());
        names.addAll(routes.names());
        List<RegisteredAgent> all = new ArrayList<>(failed);
        names.forEach(name -> find(name).ifPresent(all::add));
        all.sort(Comparator.comparingInt(RegisteredAgent::position).thenComparing(RegisteredAgent::name));
        return all;
    }

    private RegisteredAgent describe(String name, JavaAgent java, AgentRoute request) {
        AgentSource source = java == null ? AgentSource.YAML : java.source();
        String origin = java == null ? request.origin() : java.origin();
        try {
            int position = Integer.parseInt(request.parameter(AgentTemplates.POSITION,
                    java == null ? "0" : String.valueOf(java.agent().order())));
            AgentConditions conditions = AgentConditions.parse(request.parameter(AgentTemplates.MODELS, "*"),
                    request.parameter(AgentTemplates.ENDPOINTS, "*"));
            RegisteredAgent.Routes steps = new RegisteredAgent.Routes(request.routeId(),
                    routes.route(name, AgentStep.RESPONSE).map(AgentRoute::routeId).orElse(null),
                    routes.route(name, AgentStep.COMPLETION).map(AgentRoute::routeId).orElse(null),
                    Long.parseLong(request.parameter(AgentTemplates.TIMEOUT, "0")),
                    request.parameter(AgentTemplates.BREAKER, null));
            String description = java == null ? request.description() : java.agent().description();
            return new RegisteredAgent(name, description, source, origin, position, conditions, steps,
                    java == null ? null : java.agent(), null);
        } catch (RuntimeException e) {
            return RegisteredAgent.failed(name, source, origin, "invalid parameters of route " + request.routeId()
                    + ": " + e.getMessage());
        }
    }

    private void register(Agent agent, AgentSource source, String origin) {
        String name;
        try {
            name = agent.name();
            agent.description();
            agent.order();
        } catch (RuntimeException e) {
            failed.add(RegisteredAgent.failed(agent.getClass().getName(), source, origin,
                    "cannot read name, description or order: " + e));
            return;
        }
        if (name == null || !VALID_NAME.matcher(name).matches()) {
            failed.add(RegisteredAgent.failed(String.valueOf(name), source, origin,
                    "invalid agent name: use letters, digits and underscores"));
            return;
        }
        String key = name.toLowerCase(Locale.ROOT);
        JavaAgent existing = javaAgents.get(key);
        if (existing != null) {
            LOG.warn("Agent {} from {} ignored: the name is already provided by {}", key, origin, existing.origin());
            failed.add(RegisteredAgent.failed(key, source, origin,
                    "duplicate agent name, already provided by " + existing.origin()));
            return;
        }
        javaAgents.put(key, new JavaAgent(agent, source, origin));
    }
}
