package io.github.ollamaproxy.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The block index finds exactly what a brute-force scan finds. */
class TemplateIndexTests {

    private static final int[] THRESHOLDS = {3, 4, 6, 8, 12, 12};

    @Test
    void blockIndexAgreesWithABruteForceScan() {
        SplittableRandom random = new SplittableRandom(20261126);
        TemplateIndex index = new TemplateIndex();
        List<Template> templates = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            Template template = template(i, fingerprint(random.nextLong(), random));
            templates.add(template);
            index.add(template);
        }
        int matched = 0;
        for (int query = 0; query < 5_000; query++) {
            Fingerprint probe;
            if (query % 2 == 0) {
                Template near = templates.get(random.nextInt(templates.size()));
                long flipped = near.fingerprint().prefix64();
                for (int flip = random.nextInt(6); flip > 0; flip--) {
                    flipped ^= 1L << random.nextInt(64);
                }
                probe = fingerprint(flipped, near.fingerprint(), random.nextInt(3));
            } else {
                probe = fingerprint(random.nextLong(), random);
            }
            Optional<TemplateMatch> fromIndex = index.find(probe, THRESHOLDS, 1);
            Optional<TemplateMatch> fromScan = bruteForce(templates, probe);
            assertThat(fromIndex.map(m -> m.template().id())).isEqualTo(fromScan.map(m -> m.template().id()));
            assertThat(fromIndex.map(TemplateMatch::distance)).isEqualTo(fromScan.map(TemplateMatch::distance));
            assertThat(fromIndex.map(TemplateMatch::resolution)).isEqualTo(fromScan.map(TemplateMatch::resolution));
            if (fromIndex.isPresent()) {
                matched++;
            }
        }
        assertThat(matched).isGreaterThan(1000);
    }

    @Test
    void longerMatchingPrefixWins() {
        TemplateIndex index = new TemplateIndex();
        long prefix = 0x0123456789abcdefL;
        long[] query = {prefix, 0x1111_2222_3333_4444L, 0x5555_6666_7777_8888L, 0x9999_aaaa_bbbb_ccccL,
            0xdddd_eeee_ffff_0000L, 0x1234_5678_9abc_def0L};
        Template shortMatch = template(1, new Fingerprint(new long[] {prefix, ~query[1], ~query[2], ~query[3],
            ~query[4], ~query[5]}, 300));
        Template longMatch = template(2, new Fingerprint(new long[] {prefix ^ 0b11, query[1], query[2], query[3] ^ 1,
            ~query[4], ~query[5]}, 300));
        index.add(shortMatch);
        index.add(longMatch);

        TemplateMatch match = index.find(new Fingerprint(query, 300), THRESHOLDS, 1).orElseThrow();

        assertThat(match.template()).isSameAs(longMatch);
        assertThat(match.distance()).isEqualTo(2);
        assertThat(match.resolution().label()).isEqualTo("512");
    }

    @Test
    void requiredPrefixRejectsShallowMatches() {
        TemplateIndex index = new TemplateIndex();
        long[] values = {1, 2, 3, 4, 5, 6};
        index.add(template(1, new Fingerprint(values, 900)));
        long[] query = {1, 2, ~3L, ~4L, ~5L, ~6L};

        assertThat(index.find(new Fingerprint(query, 900), THRESHOLDS, 2)).isPresent();
        assertThat(index.find(new Fingerprint(query, 900), THRESHOLDS, 3)).isEmpty();
        assertThat(index.find(new Fingerprint(values, 900), THRESHOLDS, 3)).isPresent();
    }

    @Test
    void removedTemplatesAreNotFound() {
        TemplateIndex index = new TemplateIndex();
        Template template = template(1, new Fingerprint(new long[] {7, 7, 7, 7, 7, 7}, 100));
        index.add(template);
        index.remove(template);

        assertThat(index.find(template.fingerprint(), THRESHOLDS, 1)).isEmpty();
        assertThat(index.size()).isZero();
    }

    private static Optional<TemplateMatch> bruteForce(List<Template> templates, Fingerprint query) {
        TemplateMatch best = null;
        int bestLevels = 0;
        for (Template candidate : templates) {
            int distance = Long.bitCount(query.prefix64() ^ candidate.fingerprint().prefix64());
            if (distance > THRESHOLDS[0]) {
                continue;
            }
            int levels = 1;
            while (levels < Resolution.COUNT && query.distance(candidate.fingerprint(), levels) <= THRESHOLDS[levels]) {
                levels++;
            }
            if (levels > bestLevels || levels == bestLevels && distance < best.distance()) {
                best = new TemplateMatch(candidate, distance, Resolution.ALL.get(levels - 1));
                bestLevels = levels;
            }
        }
        return Optional.ofNullable(best);
    }

    private static Template template(long id, Fingerprint fingerprint) {
        return new Template(id, "m", fingerprint, Instant.EPOCH, 8);
    }

    private static Fingerprint fingerprint(long prefix, SplittableRandom random) {
        long[] values = new long[Resolution.COUNT];
        values[0] = prefix;
        for (int i = 1; i < values.length; i++) {
            values[i] = random.nextLong();
        }
        return new Fingerprint(values, 2000);
    }

    private static Fingerprint fingerprint(long prefix, Fingerprint like, int sameLevels) {
        long[] values = like.values();
        values[0] = prefix;
        for (int i = 1 + sameLevels; i < values.length; i++) {
            values[i] = ~values[i];
        }
        return new Fingerprint(values, like.tokens());
    }
}
