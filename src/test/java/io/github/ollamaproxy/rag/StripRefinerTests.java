package io.github.ollamaproxy.rag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.ollamaproxy.knowledge.CorpusStatistics;
import org.junit.jupiter.api.Test;

class StripRefinerTests {

    private final CorpusStatistics statistics = new CorpusStatistics(100, 20,
            Map.of("port", 5, "chang", 10, "timeout", 4));

    @Test
    void sentencesAreGroupedWithinParagraphsAndShortFragmentsJoined() {
        StripRefiner refiner = new StripRefiner(10, 2);

        List<String> strips = refiner.strips("The first sentence is here. The second sentence is here. "
                + "The third one is here.\n\nThe next paragraph starts now. Yes. It ends right here now.");

        assertThat(strips).containsExactly(
                "The first sentence is here. The second sentence is here.",
                "The third one is here.",
                "The next paragraph starts now. Yes. It ends right here now.");
    }

    @Test
    void keepsTheRelevantStripsInTheirOriginalOrder() {
        StripRefiner refiner = new StripRefiner(2, 1);
        String text = "Set the timeout in the settings file. The sky is blue today. "
                + "Change the port with OLLAMA_PROXY_SERVER_PORT. Birds fly south in winter.";

        List<Strip> kept = refiner.refine(Set.of("chang", "port", "timeout"), statistics,
                List.of(new StripRefiner.Passage("Configuration", text)));

        assertThat(kept).extracting(Strip::text).containsExactly("Set the timeout in the settings file.",
                "Change the port with OLLAMA_PROXY_SERVER_PORT.");
        assertThat(kept).extracting(Strip::position).containsExactly(0, 2);
    }

    @Test
    void keepsTheBestStripsAcrossPassagesAndNeverIrrelevantOnes() {
        StripRefiner refiner = new StripRefiner(8, 1);

        List<Strip> kept = refiner.refine(Set.of("port"), statistics, List.of(
                new StripRefiner.Passage("Weather", "The sky is very blue. The rain is very wet."),
                new StripRefiner.Passage("Network", "The proxy port is 11555. Nothing else is said here.")));

        assertThat(kept).singleElement().satisfies(strip -> {
            assertThat(strip.source()).isEqualTo(1);
            assertThat(strip.text()).isEqualTo("The proxy port is 11555.");
        });
    }

    @Test
    void aMatchingHeadingCountsForItsStrips() {
        StripRefiner refiner = new StripRefiner(8, 1);

        List<Strip> kept = refiner.refine(Set.of("timeout"), statistics,
                List.of(new StripRefiner.Passage("Timeouts", "Ten minutes by default.")));

        assertThat(kept).extracting(Strip::text).containsExactly("Ten minutes by default.");
    }
}
