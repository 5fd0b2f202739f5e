package io.github.ollamaproxy.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class SimHasherTests {

    private static final String INSTRUCTION = "You are a careful assistant for a bank. Read the customer message "
            + "below, classify its intent as one of billing, fraud, account access or other, extract every amount "
            + "of money and every date it mentions, and answer in the JSON format described in the policy. Never "
            + "invent facts that are not in the message, and flag anything that looks like a scam attempt.";

    @Test
    void identicalTextsHaveIdenticalFingerprints() {
        assertThat(SimHasher.fingerprint(INSTRUCTION)).isEqualTo(SimHasher.fingerprint(INSTRUCTION));
        assertThat(SimHasher.fingerprint(INSTRUCTION).distance(SimHasher.fingerprint(INSTRUCTION), 5)).isZero();
    }

    @Test
    void tokensIgnoreCaseAndPunctuation() {
        assertThat(SimHasher.tokens("Hello, WORLD! it's 2026_nov")).containsExactly("hello", "world", "it", "s", "2026_nov");
        assertThat(SimHasher.fingerprint("Hello, world: the quick brown fox!"))
                .isEqualTo(SimHasher.fingerprint("hello world -- THE QUICK brown fox"));
    }

    @Test
    void smallEditGivesSmallDistanceAndUnrelatedTextALargeOne() {
        Fingerprint original = SimHasher.fingerprint(INSTRUCTION);
        Fingerprint edited = SimHasher.fingerprint(INSTRUCTION.replace("bank", "credit union"));
        Fingerprint unrelated = SimHasher.fingerprint(randomText(new Random(7), 80));

        int full = Resolution.COUNT - 1;
        assertThat(original.distance(edited, full)).isLessThanOrEqualTo(12);
        assertThat(original.distance(unrelated, full)).isGreaterThanOrEqualTo(18);
    }

    @Test
    void unrelatedTextsAreAboutHalfTheBitsApartOnAverage() {
        Random random = new Random(42);
        double total = 0;
        int pairs = 200;
        for (int i = 0; i < pairs; i++) {
            total += Long.bitCount(SimHasher.fingerprint(randomText(random, 100)).prefix64()
                    ^ SimHasher.fingerprint(randomText(random, 100)).prefix64());
        }
        assertThat(total / pairs).isBetween(28.0, 36.0);
    }

    @Test
    void prefixesOnlySeeTheirFirstTokens() {
        String shared = randomText(new Random(1), 200);
        Fingerprint a = SimHasher.fingerprint(shared + " " + randomText(new Random(2), 300));
        Fingerprint b = SimHasher.fingerprint(shared + " " + randomText(new Random(3), 300));

        assertThat(a.prefix64()).isEqualTo(b.prefix64());
        assertThat(a.at(1)).isEqualTo(b.at(1));
        assertThat(a.distance(b, Resolution.COUNT - 1)).isGreaterThan(4);
        assertThat(a.tokens()).isEqualTo(500);
    }

    @Test
    void shortTextsUseTheirWholeTextAtEveryResolution() {
        Fingerprint fingerprint = SimHasher.fingerprint(randomText(new Random(5), 40));

        assertThat(fingerprint.values()).containsOnly(fingerprint.prefix64());
        assertThat(fingerprint.tokens()).isEqualTo(40);
    }

    static String randomText(Random random, int words) {
        return IntStream.range(0, words).mapToObj(i -> "w" + random.nextInt(5000)).collect(Collectors.joining(" "));
    }
}
