package io.github.ollamaproxy.knowledge;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.SuggestMode;
import org.apache.lucene.search.spell.SuggestWord;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * The Lucene index of the knowledge base: one document per chunk (BM25 over title, headings and
 * text, and over title and headings alone; a cosine vector field when embeddings are on) and one
 * marker document per file (its hash, size and time, to find what changed). Writes are made
 * visible by {@link #commit(String)}; searches never wait for writes.
 */
public final class KnowledgeIndex implements Closeable {

    /** Terms shorter than this are never corrected: too many short words are one edit apart. */
    static final int MIN_CORRECTED_LENGTH = 4;

    /** Terms at least this long may be two edits from their correction; shorter ones one edit. */
    static final int TWO_EDITS_LENGTH = 6;

    /** Lucene's similarity floor for suggestions, low enough that the edit limits decide. */
    private static final float EDITS_DECIDE = 0.5f;

    /** Close index terms looked at per misspelt term. */
    private static final int SUGGESTIONS = 5;

    /** Lucene's limit on vector dimensions with the default codec. */
    public static final int MAX_VECTOR_DIMENSIONS = 1024;

    /** The constant of reciprocal rank fusion, from Cormack, Clarke and Büttcher (2009). */
    public static final int RRF_K = 60;

    private static final int MAX_QUERY_TERMS = 64;
    private static final String KIND = "kind";
    private static final String KIND_CHUNK = "chunk";
    private static final String KIND_FILE = "file";
    private static final String PATH = "path";
    private static final String TITLE = "title";
    private static final String HEADINGS = "headings";
    private static final String POSITION = "position";
    private static final String TEXT = "text";
    private static final String CONTENT = "content";
    private static final String VECTOR = "vector";
    private static final String SHA256 = "sha256";
    private static final String SIZE = "size";
    private static final String MODIFIED = "modified";
    private static final String CHUNKS = "chunks";
    private static final String EMBEDDING_MODEL = "embedding_model";
    private static final String INDEXED_AT = "indexed_at";
    private static final String HEADING_SEPARATOR = "\u001f";
    private static final String HEADINGS_TEXT = "headings_text";
    private static final String LAYOUT = "layout";
    private static final float HEADINGS_BOOST = 0.5f;

    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;

    private KnowledgeIndex(Directory directory, IndexWriter writer) throws IOException {
        this.directory = directory;
        this.writer = writer;
        this.searchers = new SearcherManager(writer, null);
    }

    /** Opens (or creates) the index in {@code folder}; one process at a time may have it open. */
    public static KnowledgeIndex open(Path folder) {
        try {
            Directory directory = FSDirectory.open(folder);
            IndexWriterConfig config = new IndexWriterConfig(TextAnalysis.analyzer())
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
            return new KnowledgeIndex(directory, new IndexWriter(directory, config));
        } catch (org.apache.lucene.store.LockObtainFailedException e) {
            throw new IllegalStateException("the knowledge index in " + folder + " is open in another process;"
                    + " give each proxy its own data folder (OLLAMA_PROXY_DATA_DIR)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the knowledge index in " + folder, e);
        }
    }

    /** The files in the index by path, as of the last commit. */
    public Map<String, IndexedFile> files() {
        Map<String, IndexedFile> files = new HashMap<>();
        withSearcher(searcher -> {
            TopDocs markers = searcher.search(new TermQuery(new Term(KIND, KIND_FILE)),
                    Math.max(1, searcher.getIndexReader().maxDoc()));
            StoredFields stored = searcher.storedFields();
            for (ScoreDoc hit : markers.scoreDocs) {
                IndexedFile file = indexedFile(stored.document(hit.doc));
                files.put(file.path(), file);
            }
            return null;
        });
        return files;
    }

    /**
     * Replaces what the index holds for {@code file.path()} with these chunks and their vectors
     * ({@code vectors} empty, or one per chunk); visible after {@link #commit()}.
     */
    public void put(IndexedFile file, List<Chunk> chunks, List<float[]> vectors) {
        if (!vectors.isEmpty() && vectors.size() != chunks.size()) {
            throw new IllegalArgumentException("one vector per chunk, or none");
        }
        List<Document> documents = new ArrayList<>(chunks.size() + 1);
        for (int i = 0; i < chunks.size(); i++) {
            documents.add(chunkDocument(chunks.get(i), vectors.isEmpty() ? null : vectors.get(i)));
        }
        documents.add(fileDocument(file));
        try {
            writer.updateDocuments(new Term(PATH, file.path()), documents);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot index " + file.path(), e);
        }
    }

    /** Removes a file's chunks; visible after {@link #commit()}. */
    public void remove(String path) {
        try {
            writer.deleteDocuments(new Term(PATH, path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + path + " from the knowledge index", e);
        }
    }

    /** Removes everything; visible after {@link #commit()}. */
    public void removeAll() {
        try {
            writer.deleteAll();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the knowledge index", e);
        }
    }

    /**
     * How the index was built (analysis and chunking settings), as recorded by the last commit;
     * empty for a new index.
     */
    public String layout() {
        try (DirectoryReader reader = DirectoryReader.open(writer)) {
            return reader.getIndexCommit().getUserData().getOrDefault(LAYOUT, "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the knowledge index", e);
        }
    }

    /** Makes the changes so far durable and visible to searches, recording how they were built. */
    public void commit(String layout) {
        try {
            writer.setLiveCommitData(Map.of(LAYOUT, layout).entrySet());
            writer.commit();
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot commit the knowledge index", e);
        }
    }

    /**
     * The best chunks for a question: by BM25 over its analyzed terms (in the whole chunk, and with
     * half weight again in its title and headings), and when {@code vector} is
     * given also by vector similarity, the two rankings fused by reciprocal rank
     * ({@value #RRF_K} + rank). Every hit carries its cosine similarity to {@code vector} (NaN
     * without one).
     */
    public List<ScoredChunk> search(Collection<String> terms, float[] vector, int limit) {
        return search(terms, vector, limit, "");
    }

    /**
     * Like {@link #search(Collection, float[], int)}, among the chunks of the files whose path
     * (relative to the knowledge-base folder, {@code /}-separated) starts with {@code scope}; an
     * empty scope is every file.
     */
    public List<ScoredChunk> search(Collection<String> terms, float[] vector, int limit, String scope) {
        BooleanQuery.Builder lexical = new BooleanQuery.Builder();
        new LinkedHashSet<>(terms).stream().limit(MAX_QUERY_TERMS)
                .forEach(term -> {
                    lexical.add(new TermQuery(new Term(CONTENT, term)), BooleanClause.Occur.SHOULD);
                    lexical.add(new BoostQuery(new TermQuery(new Term(HEADINGS_TEXT, term)), HEADINGS_BOOST),
                            BooleanClause.Occur.SHOULD);
                });
        Query filter = scope == null || scope.isEmpty() ? null : new PrefixQuery(new Term(PATH, scope));
        if (filter != null) {
            lexical.add(filter, BooleanClause.Occur.FILTER).setMinimumNumberShouldMatch(1);
        }
        return withSearcher(searcher -> {
            int count = Math.max(1, Math.min(limit, searcher.getIndexReader().maxDoc()));
            ScoreDoc[] bm25 = searcher.search(lexical.build(), count).scoreDocs;
            if (vector == null) {
                return hits(searcher, bm25, null);
            }
            ScoreDoc[] nearest = searcher.search(new KnnFloatVectorQuery(VECTOR, vector, count, filter), count)
                    .scoreDocs;
            Map<Integer, Double> fused = new HashMap<>();
            for (ScoreDoc[] ranking : List.of(bm25, nearest)) {
                for (int rank = 0; rank < ranking.length; rank++) {
                    fused.merge(ranking[rank].doc, 1.0 / (RRF_K + rank + 1), Double::sum);
                }
            }
            ScoreDoc[] ranked = fused.entrySet().stream()
                    .sorted(Map.Entry.<Integer, Double>comparingByValue().reversed()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .limit(limit).map(entry -> new ScoreDoc(entry.getKey(), entry.getValue().floatValue()))
                    .toArray(ScoreDoc[]::new);
            return hits(searcher, ranked, vector);
        });
    }

    /** The BM25 statistics of the chunk text, for the given analyzed terms. */
    public CorpusStatistics statistics(Collection<String> terms) {
        return withSearcher(searcher -> {
            CollectionStatistics collection = searcher.collectionStatistics(CONTENT);
            Map<String, Integer> freqs = new HashMap<>();
            for (String term : terms) {
                freqs.put(term, searcher.getIndexReader().docFreq(new Term(CONTENT, term)));
            }
            if (collection == null) {
                return new CorpusStatistics(0, 0, freqs);
            }
            return new CorpusStatistics(collection.docCount(),
                    (double) collection.sumTotalTermFreq() / collection.docCount(), freqs);
        });
    }

    /**
     * The terms with a misspelt one replaced by the index's closest term: a term no chunk has, of at
     * least {@value #MIN_CORRECTED_LENGTH} characters, becomes the closest indexed term within one
     * edit of it, or two from {@value #TWO_EDITS_LENGTH} characters on (transpositions count as one;
     * the more frequent among equally close ones), that only adds or reorders letters
     * ({@link #onlyAddsOrSwapsLetters}); terms the index has, and those with no such term, stay.
     */
    public Set<String> corrected(Collection<String> terms) {
        return withSearcher(searcher -> {
            DirectSpellChecker oneEdit = spellChecker(1);
            DirectSpellChecker twoEdits = spellChecker(2);
            Set<String> corrected = new LinkedHashSet<>();
            for (String term : terms) {
                DirectSpellChecker spelling = term.length() >= TWO_EDITS_LENGTH ? twoEdits : oneEdit;
                SuggestWord[] suggestions = spelling.suggestSimilar(new Term(CONTENT, term), SUGGESTIONS,
                        searcher.getIndexReader(), SuggestMode.SUGGEST_WHEN_NOT_IN_INDEX);
                String correction = term;
                for (SuggestWord suggestion : suggestions) {
                    if (onlyAddsOrSwapsLetters(term, suggestion.string)) {
                        correction = suggestion.string;
                        break;
                    }
                }
                corrected.add(correction);
            }
            return corrected;
        });
    }

    /**
     * Whether a correction keeps every letter of the term (a stem's final "e" aside) and only adds
     * letters or changes their order: the typos of a missed or swapped key. A term with a letter the
     * correction lacks is more likely another word ("paint" is not "point", "login" not "logic").
     */
    static boolean onlyAddsOrSwapsLetters(String term, String correction) {
        char[] letters = (term.endsWith("e") ? term.substring(0, term.length() - 1) : term).toCharArray();
        char[] available = correction.toCharArray();
        Arrays.sort(letters);
        Arrays.sort(available);
        int next = 0;
        for (char letter : letters) {
            while (next < available.length && available[next] < letter) {
                next++;
            }
            if (next == available.length || available[next] != letter) {
                return false;
            }
            next++;
        }
        return true;
    }

    private static DirectSpellChecker spellChecker(int maxEdits) {
        DirectSpellChecker spelling = new DirectSpellChecker();
        spelling.setMinQueryLength(MIN_CORRECTED_LENGTH);
        spelling.setMaxEdits(maxEdits);
        spelling.setAccuracy(EDITS_DECIDE);
        return spelling;
    }

    /** Number of chunks searchable now. */
    public int chunkCount() {
        return withSearcher(searcher -> searcher.count(new TermQuery(new Term(KIND, KIND_CHUNK))));
    }

    @Override
    public void close() {
        try {
            searchers.close();
            writer.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the knowledge index", e);
        }
    }

    private static List<ScoredChunk> hits(IndexSearcher searcher, ScoreDoc[] docs, float[] vector) throws IOException {
        StoredFields stored = searcher.storedFields();
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        List<ScoredChunk> hits = new ArrayList<>(docs.length);
        for (ScoreDoc hit : docs) {
            Document document = stored.document(hit.doc);
            if (KIND_CHUNK.equals(document.get(KIND))) {
                double similarity = vector == null ? Double.NaN : cosine(leaves, hit.doc, vector);
                hits.add(new ScoredChunk(chunk(document), hit.score, similarity));
            }
        }
        return hits;
    }

    private static double cosine(List<LeafReaderContext> leaves, int doc, float[] vector) throws IOException {
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        FloatVectorValues values = leaf.reader().getFloatVectorValues(VECTOR);
        int target = doc - leaf.docBase;
        if (values == null || values.advance(target) != target || values.dimension() != vector.length) {
            return Double.NaN;
        }
        return 2.0 * VectorSimilarityFunction.COSINE.compare(vector, values.vectorValue()) - 1.0;
    }

    private <T> T withSearcher(SearcherWork<T> work) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return work.apply(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the knowledge index", e);
        }
    }

    private static Document chunkDocument(Chunk chunk, float[] vector) {
        Document document = new Document();
        document.add(new StringField(KIND, KIND_CHUNK, Field.Store.YES));
        document.add(new StringField(PATH, chunk.path(), Field.Store.YES));
        document.add(new StoredField(TITLE, chunk.title()));
        document.add(new StoredField(HEADINGS, String.join(HEADING_SEPARATOR, chunk.headings())));
        document.add(new StoredField(POSITION, chunk.position()));
        document.add(new StoredField(TEXT, chunk.text()));
        document.add(new TextField(CONTENT, chunk.searchableText(), Field.Store.NO));
        document.add(new TextField(HEADINGS_TEXT, chunk.title() + "\n" + String.join("\n", chunk.headings()),
                Field.Store.NO));
        if (vector != null) {
            document.add(new KnnFloatVectorField(VECTOR, vector, VectorSimilarityFunction.COSINE));
        }
        return document;
    }

    private static Document fileDocument(IndexedFile file) {
        Document document = new Document();
        document.add(new StringField(KIND, KIND_FILE, Field.Store.YES));
        document.add(new StringField(PATH, file.path(), Field.Store.YES));
        document.add(new StoredField(SHA256, file.sha256()));
        document.add(new StoredField(SIZE, file.size()));
        document.add(new StoredField(MODIFIED, file.modified()));
        document.add(new StoredField(CHUNKS, file.chunks()));
        document.add(new StoredField(EMBEDDING_MODEL, file.embeddingModel()));
        document.add(new StoredField(INDEXED_AT, file.indexedAt().toEpochMilli()));
        return document;
    }

    private static Chunk chunk(Document document) {
        String headings = document.get(HEADINGS);
        return new Chunk(document.get(PATH), document.get(TITLE),
                headings.isEmpty() ? List.of() : Arrays.asList(headings.split(HEADING_SEPARATOR)),
                document.getField(POSITION).numericValue().intValue(), document.get(TEXT));
    }

    private static IndexedFile indexedFile(Document document) {
        return new IndexedFile(document.get(PATH), document.get(SHA256),
                document.getField(SIZE).numericValue().longValue(),
                document.getField(MODIFIED).numericValue().longValue(),
                document.getField(CHUNKS).numericValue().intValue(), document.get(EMBEDDING_MODEL),
                Instant.ofEpochMilli(document.getField(INDEXED_AT).numericValue().longValue()));
    }

    /** Work with a searcher that may fail with an I/O error. */
    @FunctionalInterface
    private interface SearcherWork<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }
}
