package io.territoryos.trigger.api;

import io.territoryos.security.KafkaClientSecurity;
import io.territoryos.contracts.Topics;
import io.territoryos.contracts.avro.TerritoryAlert;
import io.territoryos.contracts.serde.AvroSerdes;
import io.territoryos.security.Roles;
import io.territoryos.trigger.config.TopologyConfigs;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * GET /api/alerts?team=&type=&limit=: the latest territory alerts with their evidence, newest first, read from
 * the tail of {@code territory.alerts} (the last {@code scan} records of each partition) on every request.
 */
@Path("/api/alerts")
@RolesAllowed(Roles.VIEWER) // without it deny-unannotated-endpoints refused every reader, the alerts page included
@Tag(name = "Alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {

    @ConfigProperty(name = "quarkus.kafka-streams.bootstrap-servers")
    String bootstrapServers;

    /** SASL/TLS settings of the alerts reader, read once (docs/security.md). */
    private final Map<String, String> security = KafkaClientSecurity.configured();

    @Operation(summary = "The latest territory alerts with their evidence, newest first, filtered by team and kind")
    @APIResponse(responseCode = "200", description = "alerts (JSON array of TerritoryAlert)")
    @APIResponse(responseCode = "401", description = "no or wrong credentials (JSON: error, reason)")
    @APIResponse(responseCode = "403", description = "the user lacks the role (JSON: error, reason)")
    @GET
    public String alerts(@QueryParam("team") String team, @QueryParam("type") String type,
                         @QueryParam("limit") @DefaultValue("100") int limit,
                         @QueryParam("scan") @DefaultValue("2000") int scan) {
        Deserializer<TerritoryAlert> values = AvroSerdes.valueSerde(TerritoryAlert.class,
                TopologyConfigs.apicurio(ConfigProvider.getConfig())).deserializer();
        List<TerritoryAlert> found = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaClientSecurity.with(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), security), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.TERRITORY_ALERTS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions);
            partitions.forEach(p -> consumer.seek(p, Math.max(begins.get(p), ends.get(p) - Math.min(scan, 20_000))));
            Instant deadline = Instant.now().plusSeconds(5);
            while (Instant.now().isBefore(deadline) && partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    TerritoryAlert alert = values.deserialize(record.topic(), record.headers(), record.value());
                    if (alert != null && matches(team, alert.getTeam()) && matches(type, alert.getType().name())) {
                        found.add(alert);
                    }
                }
            }
        }
        found.sort(Comparator.comparing(TerritoryAlert::getRaisedAt).reversed());
        List<TerritoryAlert> latest = found.subList(0, Math.min(found.size(), Math.max(1, Math.min(limit, 500))));
        return latest.stream().map(a -> SpecificData.get().toString(a)).reduce((a, b) -> a + "," + b)
                .map(body -> "[" + body + "]").orElse("[]");
    }

    private static boolean matches(String wanted, String actual) {
        return wanted == null || wanted.isBlank() || wanted.equals(actual);
    }
}
