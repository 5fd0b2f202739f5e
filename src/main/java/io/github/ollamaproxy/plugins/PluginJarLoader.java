package io.github.ollamaproxy.plugins;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Stream;

import io.github.ollamaproxy.agent.Agent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads agents from the {@code *.jar} files of the plugins folder: each jar gets its own class
 * loader (child of the application's, so it sees the agent API) and is searched with
 * {@link ServiceLoader} for {@link Agent} implementations. A jar or provider that cannot be loaded
 * is reported as a failed agent, never fatal.
 */
public final class PluginJarLoader {

    private static final Logger LOG = LoggerFactory.getLogger(PluginJarLoader.class);
    private static final int MAX_PROVIDERS_PER_JAR = 256;

    /**
     * What one jar provided: an agent, or the provider that failed and why.
     *
     * @param agent          the agent, {@code null} when loading failed
     * @param origin         the jar's file name
     * @param failedProvider what failed to load, {@code null} when it loaded
     * @param failure        why, {@code null} when it loaded
     */
    public record JarAgent(Agent agent, String origin, String failedProvider, String failure) {
    }

    /** The agents of every jar in {@code dir}; none when the folder does not exist. */
    public List<JarAgent> load(Path dir) {
        if (!Files.isDirectory(dir)) {
            LOG.info("No plugins folder at {}: no plugin agents", dir.toAbsolutePath());
            return List.of();
        }
        List<Path> jars;
        try (Stream<Path> files = Files.list(dir)) {
            jars = files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            LOG.warn("Cannot list plugins folder {}: {}", dir.toAbsolutePath(), e.getMessage());
            return List.of();
        }
        List<JarAgent> found = new ArrayList<>();
        for (Path jar : jars) {
            found.addAll(loadJar(jar));
        }
        return found;
    }

    private List<JarAgent> loadJar(Path jar) {
        String origin = jar.getFileName().toString();
        List<JarAgent> found = new ArrayList<>();
        URLClassLoader loader;
        try {
            loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, Agent.class.getClassLoader());
        } catch (MalformedURLException e) {
            found.add(new JarAgent(null, origin, origin, e.getMessage()));
            return found;
        }
        Iterator<Agent> providers = ServiceLoader.load(Agent.class, loader).iterator();
        for (int attempt = 0; attempt < MAX_PROVIDERS_PER_JAR; attempt++) {
            try {
                if (!providers.hasNext()) {
                    break;
                }
                found.add(new JarAgent(providers.next(), origin, null, null));
            } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
                LOG.warn("Plugin jar {}: cannot load an agent: {}", origin, e.getMessage());
                found.add(new JarAgent(null, origin, origin, rootMessage(e)));
            }
        }
        if (found.isEmpty()) {
            LOG.warn("Plugin jar {} declares no {} service", origin, Agent.class.getName());
        }
        return found;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = failure.getMessage();
        return root == failure ? message : message + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
}
