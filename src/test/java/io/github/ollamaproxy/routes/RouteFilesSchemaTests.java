package io.github.ollamaproxy.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped route file (and every test route file) is valid against the YAML DSL schema that
 * ships in camel-yaml-dsl, the one Kaoto, the Camel VS Code extension and Camel JBang use.
 */
class RouteFilesSchemaTests {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static Schema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = RouteFilesSchemaTests.class.getResourceAsStream("/schema/camelYamlDsl.json")) {
            assertThat(in).as("camel-yaml-dsl ships schema/camelYamlDsl.json").isNotNull();
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(in, InputFormat.JSON);
        }
    }

    static Stream<Path> routeFiles() throws IOException {
        List<Path> files;
        try (Stream<Path> shipped = Files.walk(Path.of("routes"));
                Stream<Path> test = Files.walk(Path.of("src/test/resources/test-routes"))) {
            files = Stream.concat(shipped, test).filter(file -> file.toString().endsWith(".camel.yaml")).sorted()
                    .toList();
        }
        assertThat(files).isNotEmpty();
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("routeFiles")
    void routeFileIsValidAgainstTheYamlDslSchema(Path file) throws IOException {
        JsonNode routes = YAML.readTree(file.toFile());
        List<Error> errors = schema.validate(routes);
        assertThat(errors).as("%s against camelYamlDsl.json", file).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("routeFiles")
    void routeFileNamesFollowCamelConventions(Path file) {
        assertThat(file.getFileName().toString()).matches("[a-z0-9]+(-[a-z0-9]+)*\\.camel\\.yaml");
    }
}
