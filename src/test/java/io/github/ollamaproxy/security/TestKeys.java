package io.github.ollamaproxy.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Keys for tests, made the way users make them: with the {@code create-key} command. */
final class TestKeys {

    private TestKeys() {
    }

    /** Adds a key with these {@code --name=value} options to {@code file}; returns its secret. */
    static String create(Path file, String... options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] args = new String[options.length + 2];
        args[0] = CreateKeyCommand.NAME;
        System.arraycopy(options, 0, args, 1, options.length);
        args[args.length - 1] = "--file=" + file;
        int exit = CreateKeyCommand.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8).trim();
    }

    /** The id of the key in {@code file} whose secret this is. */
    static String id(Path file, String secret) {
        try {
            return ApiKeyFile.read(file).stream().filter(key -> key.hash().equals(ApiKeySecrets.hash(secret)))
                    .findFirst().orElseThrow().id();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
