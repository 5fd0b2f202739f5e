package io.github.ollamaproxy.chain;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The steps of an agent, each a route: {@code direct:agent-<name>} for the request step,
 * {@code direct:agent-<name>-response} and {@code direct:agent-<name>-completion} for the others.
 */
public enum AgentStep {

    /** Before the upstream call: may change the request or answer it. */
    REQUEST(""),

    /** For a whole (non-streamed) answer, before it reaches the client: may change it. */
    RESPONSE("-response"),

    /** After every answer, streamed or not, off the request thread: observes it. */
    COMPLETION("-completion");

    private static final Pattern ENDPOINT =
            Pattern.compile("direct:(?://)?agent-([\\p{L}\\p{N}_]+)(-response|-completion)?");

    private final String suffix;

    AgentStep(String suffix) {
        this.suffix = suffix;
    }

    /** The endpoint of this step of the agent {@code name}. */
    public String endpoint(String name) {
        return "direct:agent-" + name + suffix;
    }

    /** The route id this step gets when it comes from a template. */
    public String routeId(String name) {
        return "agent-" + name + suffix;
    }

    /**
     * The agent and step an endpoint URI stands for.
     *
     * @param name the agent's lower-case name
     * @param step the step
     */
    record Of(String name, AgentStep step) {
    }

    /** The agent step of a route consuming from this endpoint, if it is one. */
    static Optional<Of> of(String endpointUri) {
        Matcher matcher = ENDPOINT.matcher(endpointUri == null ? "" : endpointUri);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String suffix = matcher.group(2) == null ? "" : matcher.group(2);
        for (AgentStep step : values()) {
            if (step.suffix.equals(suffix)) {
                return Optional.of(new Of(matcher.group(1).toLowerCase(Locale.ROOT), step));
            }
        }
        return Optional.empty();
    }

    /** The lower-case label used in metrics and reports. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
