package io.territoryos.security;

import org.eclipse.microprofile.config.Config;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The Kafka client settings for SASL and TLS ({@code kafka.security.protocol}, {@code kafka.sasl.*},
 * {@code kafka.ssl.*}; docs/security.md), for the clients a service builds by hand (admin clients, consumers,
 * producers outside Kafka Streams and the messaging connector, which read the same names themselves).
 */
public final class KafkaClientSecurity {

    private static final String PREFIX = "kafka.";

    private KafkaClientSecurity() {
    }

    /** A hand-built client's settings with the service's SASL/TLS settings added (they win over none of its own). */
    public static Map<String, Object> with(Map<String, ?> client, Map<String, String> security) {
        Map<String, Object> merged = new java.util.HashMap<>(client);
        security.forEach(merged::putIfAbsent);
        return merged;
    }

    /** The settings configured for this process (MicroProfile Config), as {@link #from(Config)}. */
    public static Map<String, String> configured() {
        return from(org.eclipse.microprofile.config.ConfigProvider.getConfig());
    }

    /** The configured settings without the {@code kafka.} prefix; blank ones left out (PLAINTEXT when none). */
    public static Map<String, String> from(Config config) {
        return from(config.getPropertyNames(), name -> config.getOptionalValue(name, String.class).orElse(null));
    }

    static Map<String, String> from(Iterable<String> names, Function<String, String> values) {
        Map<String, String> settings = new TreeMap<>();
        for (String name : names) {
            if (name.startsWith(PREFIX + "security.") || name.startsWith(PREFIX + "sasl.") || name.startsWith(PREFIX + "ssl.")) {
                String value = values.apply(name);
                if (value != null && !value.isBlank()) {
                    settings.put(name.substring(PREFIX.length()), value);
                }
            }
        }
        return settings;
    }
}
