package io.github.ollamaproxy.security;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code create-key [--owner=NAME] [--scopes=inference,admin] [--file=PATH]} and optional limits
 * ({@code --requests-per-minute}, {@code --tokens-per-minute}, {@code --tokens-per-day}, {@code --concurrent-requests},
 * {@code --models}):
 * adds a key to the keys file and prints its secret, the only time it is shown. Runs without starting the proxy; a running
 * proxy picks the key up within a second.
 */
public final class CreateKeyCommand {

    /** The first command-line argument that runs this command instead of the proxy. */
    public static final String NAME = "create-key";

    private CreateKeyCommand() {
    }

    /** Runs the command; returns the process exit code. */
    public static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        try {
            Map<String, String> options = Arrays.stream(args).skip(1).map(CreateKeyCommand::option)
                    .collect(Collectors.toMap(o -> o[0], o -> o[1], (a, b) -> b));
            Set<String> unknown = new LinkedHashSet<>(options.keySet());
            unknown.removeAll(Set.of("owner", "scopes", "file", "requests-per-minute", "tokens-per-minute", "tokens-per-day",
                    "concurrent-requests", "models"));
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("unknown option(s) " + unknown);
            }
            Set<Scope> scopes = Arrays.stream(options.getOrDefault("scopes", "inference").split(","))
                    .filter(s -> !s.isBlank()).map(Scope::of).collect(Collectors.toCollection(LinkedHashSet::new));
            Path file = Path.of(options.getOrDefault("file", defaultFile(environment)));
            String secret = ApiKeySecrets.newSecret();
            KeyLimits limits = new KeyLimits(number(options, "requests-per-minute", Integer::valueOf),
                    number(options, "tokens-per-minute", Long::valueOf), number(options, "tokens-per-day", Long::valueOf),
                    number(options, "concurrent-requests", Integer::valueOf), options.containsKey("models") ? List.of(options.get("models").split(",")) : List.of());
            ApiKey key = new ApiKey(ApiKeySecrets.newId(), options.getOrDefault("owner", ""), ApiKeySecrets.hash(secret),
                    scopes, limits);
            ApiKeyFile.append(file, key);
            out.println(secret);
            err.println("Added " + key.id() + " (" + scopes.stream().map(Scope::label).collect(Collectors.joining(","))
                    + ") to " + file.toAbsolutePath() + "; the secret above is not stored and is shown only now.");
            return 0;
        } catch (IllegalArgumentException | IOException e) {
            err.println(NAME + ": " + e.getMessage());
            err.println("usage: " + NAME + " [--owner=NAME] [--scopes=inference,admin] [--file=PATH] [--requests-per-minute=N]"
                    + " [--tokens-per-minute=N] [--tokens-per-day=N] [--concurrent-requests=N] [--models=NAME,PATTERN*]");
            return 2;
        }
    }

    private static <T> T number(Map<String, String> options, String name, Function<String, T> parse) {
        String value = options.get(name);
        try {
            return value == null ? null : parse.apply(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, was '" + value + "'");
        }
    }

    private static String defaultFile(Map<String, String> environment) {
        String explicit = environment.get("OLLAMA_PROXY_API_KEYS_FILE");
        if (explicit != null && !explicit.isBlank()) {
            return explicit;
        }
        String data = environment.getOrDefault("OLLAMA_PROXY_DATA_DIR", "data");
        return Path.of(data).resolve(ApiKeys.DEFAULT_FILE_NAME).toString();
    }

    private static String[] option(String argument) {
        if (!argument.startsWith("--") || !argument.contains("=")) {
            throw new IllegalArgumentException("expected --name=value, got '" + argument + "'");
        }
        int equals = argument.indexOf('=');
        return new String[] {argument.substring(2, equals), argument.substring(equals + 1)};
    }
}
