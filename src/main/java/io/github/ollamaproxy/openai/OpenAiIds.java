package io.github.ollamaproxy.openai;

import java.security.SecureRandom;

/** Identifiers in OpenAI's formats: {@code chatcmpl-…}, {@code cmpl-…}, {@code call_…}. */
final class OpenAiIds {

    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private OpenAiIds() {
    }

    static String chatCompletion() {
        return "chatcmpl-" + random(24);
    }

    static String completion() {
        return "cmpl-" + random(24);
    }

    static String toolCall() {
        return "call_" + random(8);
    }

    private static String random(int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(chars);
    }
}
