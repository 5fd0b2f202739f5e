package io.github.ollamaproxy.security;

import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One API key as stored in the keys file: never the secret itself, only its hash.
 *
 * @param id     the key's public name, used in logs and metrics (e.g. {@code key_3f9a1c2b})
 * @param owner  who the key was given to, a free label
 * @param hash   {@code sha256:} and the hex SHA-256 of the secret
 * @param scopes what the key may do
 * @param limits what it may use; {@link KeyLimits#NONE} when the file names none
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApiKey(String id, String owner, String hash, Set<Scope> scopes, KeyLimits limits) {

    public ApiKey {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a key without an id");
        }
        if (hash == null || !hash.startsWith(ApiKeySecrets.HASH_PREFIX)) {
            throw new IllegalArgumentException("key " + id + ": hash must start with " + ApiKeySecrets.HASH_PREFIX);
        }
        scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
        owner = owner == null ? "" : owner;
        limits = limits == null ? KeyLimits.NONE : limits;
    }

    public ApiKey(String id, String owner, String hash, Set<Scope> scopes) {
        this(id, owner, hash, scopes, KeyLimits.NONE);
    }

    public boolean allows(Scope scope) {
        return scopes.contains(scope);
    }
}
