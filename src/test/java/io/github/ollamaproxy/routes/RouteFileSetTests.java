package io.github.ollamaproxy.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** A routes folder adds definitions and replaces shipped ones with the same kind and id. */
class RouteFileSetTests {

    private static final RouteFile SHIPPED = new RouteFile("classpath:routes/agents.camel.yaml", "agents.camel.yaml", """
            # shipped agents
            - route:
                id: agent-concise
                from:
                  uri: direct:agent-concise
                  steps:
                    - log: three sentences
            - templatedRoute:
                routeTemplateRef: java-agent
                routeId: agent-rag
            - routeTemplate:
                id: java-agent
                route:
                  from:
                    uri: direct:x
            """);
    private static final RouteFile UNTOUCHED = new RouteFile("classpath:routes/health.camel.yaml", "health.camel.yaml", """
            # comments survive when nothing is replaced
            - route:
                id: health
                from:
                  uri: direct:health
            """);

    @Test
    void aFolderRouteWithAShippedIdReplacesOnlyThatDefinition() {
        RouteFile own = new RouteFile("file:/etc/proxy/concise.camel.yaml", "concise.camel.yaml", """
                - route:
                    id: agent-concise
                    from:
                      uri: direct:agent-concise
                      steps:
                        - log: one sentence
                """);

        RouteFileSet set = RouteFileSet.merge(List.of(SHIPPED, UNTOUCHED), List.of(own));

        assertThat(set.replaced()).containsOnlyKeys("route:agent-concise")
                .containsEntry("route:agent-concise", "file:/etc/proxy/concise.camel.yaml");
        assertThat(set.files()).hasSize(3);
        RouteFile shipped = set.files().get(0);
        assertThat(shipped.keys()).containsExactly("route:agent-rag", "routeTemplate:java-agent");
        assertThat(shipped.text()).doesNotContain("three sentences");
        assertThat(set.files().get(1)).isSameAs(UNTOUCHED);
        assertThat(set.files().get(2)).isSameAs(own);
    }

    @Test
    void aTemplatedRouteReplacesAShippedRouteOfTheSameId() {
        RouteFile own = new RouteFile("file:/etc/proxy/concise.camel.yaml", "concise.camel.yaml", """
                - templatedRoute:
                    routeTemplateRef: java-agent
                    routeId: agent-concise
                """);

        RouteFileSet set = RouteFileSet.merge(List.of(SHIPPED), List.of(own));

        assertThat(set.replaced()).containsOnlyKeys("route:agent-concise");
        assertThat(set.files().get(0).keys()).doesNotContain("route:agent-concise");
    }

    @Test
    void templatesConfigurationsAndRestAreReplacedByTheirOwnIds() {
        RouteFile shipped = new RouteFile("classpath:routes/all.camel.yaml", "all.camel.yaml", """
                - restConfiguration:
                    component: platform-http
                - rest:
                    id: health-api
                    get:
                      - path: /health
                        to: direct:health
                - routeConfiguration:
                    id: native-api-errors
                - routeTemplate:
                    id: java-agent
                    route:
                      from:
                        uri: direct:x
                - route:
                    id: java-agent
                    from:
                      uri: direct:y
                """);
        RouteFile own = new RouteFile("file:/x/own.camel.yaml", "own.camel.yaml", """
                - restConfiguration:
                    component: platform-http
                    bindingMode: json
                - routeTemplate:
                    id: java-agent
                    route:
                      from:
                        uri: direct:z
                """);

        RouteFileSet set = RouteFileSet.merge(List.of(shipped), List.of(own));

        assertThat(set.replaced()).containsOnlyKeys("restConfiguration", "routeTemplate:java-agent");
        assertThat(set.files().get(0).keys())
                .containsExactly("rest:health-api", "routeConfiguration:native-api-errors", "route:java-agent");
    }

    @Test
    void anUnchangedCopyOfAShippedFileReplacesNothing() {
        RouteFile copy = new RouteFile("file:/checkout/routes/agents.camel.yaml", SHIPPED.path(), SHIPPED.text());

        RouteFileSet set = RouteFileSet.merge(List.of(SHIPPED, UNTOUCHED), List.of(copy));

        assertThat(set.replaced()).isEmpty();
        assertThat(set.files()).containsExactly(SHIPPED, UNTOUCHED);
    }

    @Test
    void newDefinitionsAreAddedAndReplaceNothing() {
        RouteFile own = new RouteFile("file:/x/support.camel.yaml", "support.camel.yaml", """
                - route:
                    id: agent-support
                    from:
                      uri: direct:agent-support
                """);

        RouteFileSet set = RouteFileSet.merge(List.of(SHIPPED), List.of(own));

        assertThat(set.replaced()).isEmpty();
        assertThat(set.files()).containsExactly(SHIPPED, own);
    }
}
