package io.github.ollamaproxy.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuestionVocabularyTests {

    @TempDir
    Path folder;

    @Test
    void withoutRulesQuestionTermsAreStemmedWithoutQuestionWords() {
        assertThat(vocabulary().terms("How do I change the port the proxy listens on?"))
                .containsExactly("chang", "port", "proxi", "listen");
    }

    @Test
    void rulesReadTheAskersWordsAsTheDocumentsWords() throws IOException {
        Files.writeString(folder.resolve(QuestionVocabulary.FILE), """
                # the guide says proxy, GPU and agent
                gateway, middleware => proxy
                graphics card => gpu
                plug-in => plug-in, agent
                """);

        QuestionVocabulary vocabulary = vocabulary();

        assertThat(vocabulary.terms("Does the gateway need a graphics card?")).containsExactly("proxi", "gpu");
        assertThat(vocabulary.terms("Which plug-in runs first?")).contains("plug-in", "agent").doesNotContain("gatewai");
        assertThat(vocabulary.terms("How do I change the port?")).containsExactly("chang", "port");
    }

    @Test
    void anEditedFileIsReadAgainAndABrokenOneIsIgnored() throws IOException {
        Path file = folder.resolve(QuestionVocabulary.FILE);
        Files.writeString(file, "gateway => proxy\n");
        QuestionVocabulary vocabulary = vocabulary();
        assertThat(vocabulary.terms("gateway")).containsExactly("proxi");

        Files.writeString(file, "gateway => ollama\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(vocabulary.terms("gateway")).containsExactly("ollama");

        Files.writeString(file, "gateway => \n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));
        assertThat(vocabulary.terms("gateway")).containsExactly("gatewai");

        Files.delete(file);
        assertThat(vocabulary.terms("gateway")).containsExactly("gatewai");
    }

    private QuestionVocabulary vocabulary() {
        return new QuestionVocabulary(new KnowledgeProperties(folder, false, 250, 40, ""));
    }
}
