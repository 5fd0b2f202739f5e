package io.github.ollamaproxy.knowledge;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.text.ParseException;
import java.util.LinkedHashSet;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The words people ask with that the documents put otherwise ("gateway" for proxy, "graphics card"
 * for GPU): synonym rules in Solr's format, read from {@value #FILE} in the knowledge-base folder
 * (a hidden file, so it is not indexed itself) and applied to questions only, before stop words and
 * stemming. {@code a, b => c} reads a or b as c; {@code a => a, c} adds c; {@code a, b} reads each as
 * both. The file belongs to the documents it describes: replace it with them. It is read again when
 * it changes; a file with a mistake is reported once and questions go on without rules.
 */
@Component
public class QuestionVocabulary {

    /** The rules' file name in the knowledge-base folder. */
    public static final String FILE = ".synonyms.txt";

    private static final Logger LOG = LoggerFactory.getLogger(QuestionVocabulary.class);

    private final Path file;
    private volatile Rules rules = new Rules(null, TextAnalysis.analyzer());

    public QuestionVocabulary(KnowledgeProperties properties) {
        this.file = properties.dir().resolve(FILE);
    }

    /** The distinct search terms of a question, with the rules applied. */
    public Set<String> terms(String question) {
        return new LinkedHashSet<>(TextAnalysis.terms(current().analyzer(), "content", question));
    }

    private Rules current() {
        FileTime modified = modified();
        Rules known = rules;
        if (modified == null ? known.modified() == null : modified.equals(known.modified())) {
            return known;
        }
        synchronized (this) {
            if (rules.modified() == null ? modified != null : !rules.modified().equals(modified)) {
                rules = load(modified);
            }
            return rules;
        }
    }

    private Rules load(FileTime modified) {
        if (modified == null) {
            return new Rules(null, TextAnalysis.analyzer());
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            SolrSynonymParser parser = new SolrSynonymParser(true, true, TextAnalysis.ruleAnalyzer());
            parser.parse(reader);
            SynonymMap map = parser.build();
            LOG.info("Knowledge base: {} synonym rules read from {}", map.words.size(), file);
            Analyzer analyzer = map.fst == null ? TextAnalysis.analyzer() : TextAnalysis.questionAnalyzer(map);
            return new Rules(modified, analyzer);
        } catch (IOException | ParseException | IllegalArgumentException e) {
            LOG.warn("Knowledge base: the synonym rules of {} cannot be read ({}); questions are read without them",
                    file, e.getMessage());
            return new Rules(modified, TextAnalysis.analyzer());
        }
    }

    private FileTime modified() {
        try {
            return Files.getLastModifiedTime(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return rules.modified();
        }
    }

    /** The rules as of one version of the file ({@code modified} null: no file). */
    private record Rules(FileTime modified, Analyzer analyzer) {
    }
}
