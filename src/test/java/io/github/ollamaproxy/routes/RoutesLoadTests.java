package io.github.ollamaproxy.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.github.ollamaproxy.exchange.ExchangeVariables;
import io.github.ollamaproxy.support.ProxyIntegrationTest;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.yaml.snakeyaml.Yaml;

/** Every shipped route file loads; ids are unique; every bean and exchange property it names exists. */
class RoutesLoadTests extends ProxyIntegrationTest {

    private static final Path ROUTES = Path.of("routes");
    private static final Pattern VARIABLE_REFERENCE = Pattern.compile("variable\\.(\\w+)");

    @Autowired
    CamelContext camel;

    @Autowired
    ApplicationContext spring;

    @Test
    void everyDefinitionHasAUniqueIdAndEveryRouteIsRunning() throws IOException {
        List<String> keys = new ArrayList<>();
        List<String> running = new ArrayList<>();
        for (Path file : routeFiles()) {
            List<Map<String, Object>> entries = entries(file);
            List<String> fileKeys = new RouteFile(file.toString(), file.toString(), Files.readString(file)).keys();
            assertThat(fileKeys).as("every definition in %s has an id", file).hasSize(entries.size());
            keys.addAll(fileKeys);
            if (!ROUTES.relativize(file).startsWith(RouteFilesLoader.PROFILES)) {
                running.addAll(fileKeys);
            }
        }
        assertThat(keys).doesNotHaveDuplicates().isNotEmpty();
        for (String key : running) {
            if (key.startsWith("route:")) {
                String id = key.substring("route:".length());
                assertThat(camel.getRoute(id)).as("route %s is loaded", id).isNotNull();
                assertThat(camel.getRouteController().getRouteStatus(id).isStarted()).as("route %s runs", id).isTrue();
            }
        }
    }

    @Test
    void everyBeanReferenceResolves() throws IOException {
        Set<String> refs = new HashSet<>();
        for (Path file : routeFiles()) {
            collect(entries(file), "ref", refs);
        }
        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            assertThat(spring.containsBean(ref) || camel.getRegistry().lookupByName(ref) != null)
                    .as("bean %s", ref).isTrue();
        }
    }

    @Test
    void everyVariableIsDeclared() throws IOException, IllegalAccessException {
        Set<String> declared = new HashSet<>();
        for (Field field : ExchangeVariables.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                declared.add((String) field.get(null));
            }
        }
        for (Path file : routeFiles()) {
            Matcher matcher = VARIABLE_REFERENCE.matcher(Files.readString(file));
            while (matcher.find()) {
                assertThat(declared).as("%s refers to variable %s", file, matcher.group(1))
                        .contains(matcher.group(1));
            }
        }
    }

    private static List<Path> routeFiles() throws IOException {
        try (Stream<Path> files = Files.walk(ROUTES)) {
            List<Path> yaml = files.filter(f -> f.toString().endsWith(".camel.yaml")).sorted().toList();
            assertThat(yaml).isNotEmpty();
            return yaml;
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> entries(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return (List<Map<String, Object>>) new Yaml().load(reader);
        }
    }

    private static void collect(Object node, String key, Set<String> values) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((name, value) -> {
                if (key.equals(name) && value instanceof String text) {
                    values.add(text);
                }
                collect(value, key, values);
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collect(item, key, values));
        }
    }
}
