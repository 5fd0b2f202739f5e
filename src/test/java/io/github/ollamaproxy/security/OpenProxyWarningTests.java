package io.github.ollamaproxy.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.ollamaproxy.data.DataFolder;
import io.github.ollamaproxy.data.DataProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The one warning at start: keys off and the port reachable beyond this machine. */
@ExtendWith(OutputCaptureExtension.class)
class OpenProxyWarningTests {

    @TempDir
    Path folder;

    @Test
    void anOpenProxyOnEveryInterfaceWarnsOnce(CapturedOutput output) throws Exception {
        warnIfOpen(keys(""), null);

        assertThat(output.getOut()).containsOnlyOnce("No API keys are configured and the proxy listens on every "
                + "interface");
    }

    @Test
    void loopbackOrKeysStayQuiet(CapturedOutput output) throws Exception {
        warnIfOpen(keys(""), InetAddress.getLoopbackAddress());
        warnIfOpen(keys("keys:\n  - id: key_1\n    hash: sha256:00\n    scopes: [inference]\n"), null);

        assertThat(output.getOut()).doesNotContain("No API keys are configured");
    }

    private ApiKeys keys(String content) throws Exception {
        Path file = Files.writeString(folder.resolve("keys-" + content.length() + ".yaml"), content);
        return new ApiKeys(new ApiKeyProperties(file), new DataFolder(new DataProperties(folder)));
    }

    private static void warnIfOpen(ApiKeys keys, InetAddress address) {
        ServerProperties server = new ServerProperties();
        server.setAddress(address);
        new SecurityConfiguration().openProxyWarning(keys, server).onApplicationEvent(null);
    }
}
