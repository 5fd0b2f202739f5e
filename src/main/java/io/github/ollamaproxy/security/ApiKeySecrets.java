package io.github.ollamaproxy.security;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import org.apache.commons.codec.digest.DigestUtils;

/**
 * Makes key secrets and their stored form. A secret is 32 random bytes, so a plain SHA-256 of it is
 * as hard to reverse as the secret is to guess; no salt or slow hash is needed.
 */
public final class ApiKeySecrets {

    static final String HASH_PREFIX = "sha256:";

    private static final String SECRET_PREFIX = "osp-";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeySecrets() {
    }

    /** A new secret, to be shown once. */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A new public key id. */
    public static String newId() {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return "key_" + HexFormat.of().formatHex(bytes);
    }

    /** The stored form of a secret. */
    public static String hash(String secret) {
        return HASH_PREFIX + DigestUtils.sha256Hex(secret.getBytes(StandardCharsets.UTF_8));
    }
}
