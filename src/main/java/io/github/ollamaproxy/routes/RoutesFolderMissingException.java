package io.github.ollamaproxy.routes;

import java.nio.file.Path;

/** The configured routes folder does not exist; the proxy does not start. */
public class RoutesFolderMissingException extends IllegalStateException {

    public RoutesFolderMissingException(Path folder) {
        super("The routes folder " + folder + " set by " + RoutesProperties.SETTING + " does not exist");
    }
}
