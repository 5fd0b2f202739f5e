package io.github.ollamaproxy.routes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Loads the routes before Camel starts: the {@code *.camel.yaml} files shipped in the jar (under
 * {@code routes/} on the classpath), with the files of the routes folder added over them (a
 * definition with the same id replaces the shipped one, see {@link RouteFileSet}); files under
 * {@value #PROFILES}{@code <profile>/} only when that Spring profile is active. Then watches the
 * folder when live reload is on.
 */
@Component
public class RouteFilesLoader implements CamelContextConfiguration {

    /** The file names Camel tooling recognises as routes. */
    static final String PATTERN = "**/*.camel.yaml";

    private static final Logger LOG = LoggerFactory.getLogger(RouteFilesLoader.class);
    private static final String SHIPPED = "classpath*:routes/" + PATTERN;
    private static final String SUFFIX = ".camel.yaml";

    /** Files under this folder, {@code profiles/<profile>/}, load only when that Spring profile is active. */
    static final String PROFILES = "profiles/";

    private final RoutesProperties properties;
    private final Optional<Path> folder;
    private final Environment environment;

    public RouteFilesLoader(RoutesProperties properties, Environment environment) {
        this.properties = properties;
        this.folder = properties.folder();
        this.environment = environment;
    }

    @Override
    public void beforeApplicationStart(CamelContext camel) {
        List<RouteFile> shipped = forActiveProfiles(shipped());
        List<RouteFile> own = forActiveProfiles(folder.map(RouteFilesLoader::inFolder).orElse(List.of()));
        RouteFileSet set = RouteFileSet.merge(shipped, own);
        set.replaced().forEach((key, location) -> LOG.info("{} from {} replaces the shipped one", key, location));
        List<Resource> resources = new ArrayList<>();
        for (RouteFile file : set.files()) {
            resources.add(ResourceHelper.fromString(file.location(), file.text()));
        }
        try {
            PluginHelper.getRoutesLoader(camel).loadRoutes(resources);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot load the routes: " + e.getMessage(), e);
        }
        LOG.info("Routes: {} shipped files{}", shipped.size(),
                folder.map(dir -> ", " + (set.files().size() - shipped.size()) + " files of " + own.size() + " from " + dir
                        + " that differ from the shipped ones").orElse(""));
        if (properties.reload()) {
            folder.ifPresentOrElse(dir -> addReload(camel, dir),
                    () -> LOG.warn("Route reload is on but there is no routes folder to watch"));
        }
    }

    @Override
    public void afterApplicationStart(CamelContext camel) {
    }

    private List<RouteFile> forActiveProfiles(List<RouteFile> files) {
        return files.stream().filter(file -> !file.path().startsWith(PROFILES) || environment.matchesProfiles(
                file.path().substring(PROFILES.length()).split("/")[0])).toList();
    }

    private static void addReload(CamelContext camel, Path dir) {
        try {
            camel.addService(new RouteFolderReload(dir));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot watch the routes folder " + dir + ": " + e.getMessage(), e);
        }
        LOG.info("Watching {} for route changes", dir);
    }

    private static List<RouteFile> shipped() {
        try {
            List<RouteFile> files = new ArrayList<>();
            for (org.springframework.core.io.Resource resource : new PathMatchingResourcePatternResolver()
                    .getResources(SHIPPED)) {
                String path = shippedPath(resource.getURL().toString());
                try (InputStream in = resource.getInputStream()) {
                    files.add(new RouteFile("classpath:routes/" + path, path,
                            new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                }
            }
            files.sort(Comparator.comparing(RouteFile::location));
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the shipped routes", e);
        }
    }

    /** The path under {@code routes/} of a URL inside a jar or a classes folder. */
    private static String shippedPath(String url) {
        int root = Math.max(url.lastIndexOf("!/"), url.lastIndexOf("/classes/"));
        return url.substring(url.indexOf("/routes/", Math.max(root, 0)) + "/routes/".length());
    }

    private static List<RouteFile> inFolder(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            List<RouteFile> files = new ArrayList<>();
            for (Path path : paths.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList()) {
                files.add(new RouteFile("file:" + path.toAbsolutePath(), dir.relativize(path).toString().replace('\\', '/'),
                        Files.readString(path)));
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the routes folder " + dir, e);
        }
    }
}
