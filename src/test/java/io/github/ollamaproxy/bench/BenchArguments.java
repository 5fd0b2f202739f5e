package io.github.ollamaproxy.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the benchmark tools share: their command-line options, the packaged jar, a free port. */
final class BenchArguments {

    private final String[] args;

    BenchArguments(String[] args) {
        this.args = args.clone();
    }

    /** The value after {@code name}, or {@code fallback}. */
    String option(String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    /** {@code --java}: the JVM of the proxy process, by default this one. */
    String java() {
        return option("--java", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** {@code --jvm}: options for the proxy's JVM, separated by spaces (none by default). */
    List<String> jvmOptions() {
        String given = option("--jvm", "").trim();
        return given.isEmpty() ? List.of() : List.of(given.split("\\s+"));
    }

    /** {@code --jar}, or the jar {@code mvn package} built in {@code target/}. */
    Path jar() throws IOException {
        String given = option("--jar", "");
        if (!given.isEmpty()) {
            return Path.of(given).toAbsolutePath();
        }
        try (var files = Files.list(Path.of("target"))) {
            return files.filter(f -> f.getFileName().toString().matches("ollama-smart-proxy-.*\\.jar"))
                    .filter(f -> !f.getFileName().toString().endsWith("plain.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("run mvn package first")).toAbsolutePath();
        }
    }

    /** A port nothing listens on right now, on the loopback address. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
