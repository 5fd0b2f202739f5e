package io.github.ollamaproxy.routes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * One Camel YAML DSL file, read far enough to know the ids it defines, so that a file of the
 * routes folder can replace single definitions of a shipped file.
 *
 * <p>Definitions are keyed by kind and id: {@code route} and {@code templatedRoute} share the route
 * ids ({@code route:agent-rag}); {@code routeTemplate}, {@code routeConfiguration} and {@code rest}
 * have their own; {@code restConfiguration} is one per application. Entries without an id (and
 * {@code beans}) cannot be replaced and are always kept.
 *
 * @param location where it comes from ({@code classpath:routes/…} or {@code file:…})
 * @param path     its path inside the shipped routes or the routes folder, e.g. {@code agents/rag.camel.yaml}
 * @param text     its content
 */
public record RouteFile(String location, String path, String text) {

    /** The keys of the definitions this file holds, in file order. */
    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (Object entry : entries()) {
            key(entry).ifPresent(keys::add);
        }
        return keys;
    }

    /**
     * This file without the definitions whose keys are in {@code replaced}; the file itself when
     * none of its definitions is replaced.
     */
    public RouteFile without(Set<String> replaced) {
        List<Object> kept = new ArrayList<>();
        boolean changed = false;
        for (Object entry : entries()) {
            if (key(entry).filter(replaced::contains).isPresent()) {
                changed = true;
            } else {
                kept.add(entry);
            }
        }
        if (!changed) {
            return this;
        }
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new RouteFile(location, path, kept.isEmpty() ? "[]\n" : new Yaml(options).dump(kept));
    }

    private List<?> entries() {
        Object document = new Yaml().load(text);
        return document instanceof List<?> list ? list : List.of();
    }

    private static Optional<String> key(Object entry) {
        if (!(entry instanceof Map<?, ?> map) || map.size() != 1) {
            return Optional.empty();
        }
        Map.Entry<?, ?> only = map.entrySet().iterator().next();
        String kind = String.valueOf(only.getKey());
        if (kind.equals("restConfiguration")) {
            return Optional.of(kind);
        }
        if (!(only.getValue() instanceof Map<?, ?> definition)) {
            return Optional.empty();
        }
        return switch (kind) {
            case "route" -> id(definition, "id").map(id -> "route:" + id);
            case "templatedRoute" -> id(definition, "routeId").map(id -> "route:" + id);
            case "routeTemplate", "routeConfiguration" -> id(definition, "id").map(id -> kind + ":" + id);
            case "rest" -> id(definition, "id").or(() -> id(definition, "path")).map(id -> "rest:" + id);
            default -> Optional.empty();
        };
    }

    private static Optional<String> id(Map<?, ?> definition, String field) {
        Object id = definition.get(field);
        return id == null ? Optional.empty() : Optional.of(id.toString());
    }
}
