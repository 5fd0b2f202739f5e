package io.github.ollamaproxy.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.ollamaproxy.web.InvalidRequestException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** How the format of a request that arrived as a message is chosen. */
class MessageFormatTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "{'model':'m','messages':[]}                                          | openai-chat",
        "{'model':'m','messages':[],'max_tokens':5}                           | openai-chat",
        "{'model':'m','messages':[],'options':{'num_ctx':4096}}               | native-chat",
        "{'model':'m','messages':[],'keep_alive':'5m'}                        | native-chat",
        "{'model':'m','messages':[{'role':'user','content':'x','images':[]}]} | native-chat",
        "{'model':'m','prompt':'hi'}                                          | openai-completions",
        "{'model':'m','prompt':'hi','suffix':'!'}                             | openai-completions",
        "{'model':'m','prompt':'hi','system':'be brief'}                      | native-generate",
        "{'model':'m','prompt':'hi','raw':true}                               | native-generate",
        "{'model':'m','input':'hi'}                                           | openai-embeddings",
        "{'model':'m','input':'hi','truncate':true}                           | native-embed"})
    void isDetectedFromTheFields(String request, String format) throws Exception {
        assertThat(MessageFormat.of("auto", object(request)).id()).isEqualTo(format);
        assertThat(MessageFormat.of(null, object(request)).id()).isEqualTo(format);
    }

    @Test
    void aNamedFormatWinsOverDetection() throws Exception {
        assertThat(MessageFormat.of(" Native-Chat ", object("{'model':'m','messages':[]}")))
                .isEqualTo(MessageFormat.NATIVE_CHAT);
    }

    @Test
    void anUnknownNameOrARequestNoFormatFitsIsABadRequest() throws Exception {
        assertThatThrownBy(() -> MessageFormat.of("soap", object("{'model':'m','messages':[]}")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("unknown request format 'soap'");
        assertThatThrownBy(() -> MessageFormat.of("auto", object("{'model':'m'}")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("cannot tell what this request is");
    }

    @Test
    void theHttpPathsNameTheirFormats() {
        assertThat(MessageFormat.forPath("/v1/embeddings")).contains(MessageFormat.OPENAI_EMBEDDINGS);
        assertThat(MessageFormat.forPath("/api/generate")).contains(MessageFormat.NATIVE_GENERATE);
        assertThat(MessageFormat.forPath("/v1/responses")).isEmpty();
    }

    private static ObjectNode object(String singleQuoted) throws Exception {
        return (ObjectNode) JSON.readTree(singleQuoted.strip().replace('\'', '"'));
    }
}
