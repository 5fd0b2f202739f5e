package io.github.ollamaproxy.upstream;

import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/** Binds the one-line form of an upstream ({@link UpstreamEntry#parse}) from a property or environment variable. */
@Component
@ConfigurationPropertiesBinding
public class UpstreamEntryConverter implements Converter<String, UpstreamEntry> {

    @Override
    public UpstreamEntry convert(String source) {
        return UpstreamEntry.parse(source);
    }
}
