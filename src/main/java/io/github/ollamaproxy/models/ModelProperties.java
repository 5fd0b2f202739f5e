package io.github.ollamaproxy.models;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;

/**
 * The model check before chat, generate and embed.
 *
 * @param cacheTtl      how long the list of installed models is trusted (plain numbers are seconds);
 *                      environment {@code OLLAMA_PROXY_MODEL_CACHE_TTL}
 * @param autoPull      whether a model missing upstream is pulled before the request proceeds
 * @param autoPullAllow which names may be pulled automatically ({@link AutoPullPolicy}): {@code library}
 *                      for names without a registry host (Ollama's public library), or patterns with
 *                      {@code *} over the whole name ({@code registry.internal:5000/*}); a name
 *                      that matches none is answered 404 without a pull
 */
@ConfigurationProperties("ollama-proxy.models")
public record ModelProperties(
        @DefaultValue("300") @DurationUnit(ChronoUnit.SECONDS) Duration cacheTtl,
        @DefaultValue("true") boolean autoPull,
        @DefaultValue(AutoPullPolicy.LIBRARY) List<String> autoPullAllow) {
}
