package io.github.ollamaproxy.rag;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Tests of corrective RAG over the shipped user guide, indexed once per test class. */
abstract class ShippedGuideTest {

    @TempDir
    static Path data;

    static RagFixture fixture;

    @BeforeAll
    static void index() {
        fixture = new RagFixture(RagFixture.SHIPPED_KNOWLEDGE_BASE, data, RagFixture.defaults());
    }

    @AfterAll
    static void close() {
        fixture.close();
    }
}
