package io.github.ollamaproxy.routes;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a missing routes folder as one clear start-up error instead of a stack trace. */
public class RoutesFolderFailureAnalyzer extends AbstractFailureAnalyzer<RoutesFolderMissingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, RoutesFolderMissingException cause) {
        return new FailureAnalysis(cause.getMessage() + ".",
                "Create the folder, or unset " + RoutesProperties.SETTING + " to use the routes shipped in the jar.",
                cause);
    }
}
