package io.github.ollamaproxy.routes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.RouteWatcherReloadStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camel's route watcher on the routes folder: an edited or added {@code *.camel.yaml} file
 * replaces the routes with the same ids while the proxy runs, templated routes included. An edit that does not load leaves
 * the previous routes serving and is reported in one log line, without a stack trace.
 */
final class RouteFolderReload extends RouteWatcherReloadStrategy {

    private static final Logger LOG = LoggerFactory.getLogger(RouteFolderReload.class);

    RouteFolderReload(Path folder) {
        super(folder.toString(), true);
        setPattern(RouteFilesLoader.PATTERN);
        setRemoveAllRoutes(false);
        setResourceReload((name, resource) -> {
            if (isEmpty(name)) {
                return;
            }
            try {
                onRouteReload(List.of(resource), false);
                addTemplatedRoutes(resource);
                LOG.info("Route file {} reloaded", name);
            } catch (Exception e) {
                LOG.warn("Route file {} was not reloaded, the previous routes keep serving: {}", name, rootMessage(e));
            }
        });
    }

    /**
     * Camel's reload updates plain routes only; a file's {@code templatedRoute} entries are added
     * again here, each replacing the route of the same id.
     */
    private void addTemplatedRoutes(Resource resource) throws Exception {
        CamelContext camel = getCamelContext();
        for (RoutesBuilder builder : PluginHelper.getRoutesLoader(camel).findRoutesBuilders(List.of(resource))) {
            if (builder instanceof RouteBuilder routes) {
                routes.configureRoutes(camel);
                camel.addTemplatedRoutes(routes);
            }
        }
    }

    /** An editor that truncates before it writes shows the file empty for a moment. */
    private static boolean isEmpty(String name) {
        try {
            return Files.size(Path.of(name)) == 0;
        } catch (IOException e) {
            return true;
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.replaceAll("\\s+", " ").strip();
    }
}
