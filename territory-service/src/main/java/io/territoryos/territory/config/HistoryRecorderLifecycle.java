package io.territoryos.territory.config;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.territoryos.security.KafkaClientSecurity;
import io.territoryos.territory.domain.HistoryRetention;
import io.territoryos.territory.messaging.HistoryRecorder;
import io.territoryos.territory.persistence.TerritoryHistoryRepository;
import io.territoryos.territory.streams.TerritorySerdes;
import io.territoryos.territory.streams.TerritoryTopologyConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Starts the history recorder on its own thread and the retention job beside it with the application; stops both on shutdown. */
@ApplicationScoped
public class HistoryRecorderLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryRecorderLifecycle.class);

    private final TerritoryServiceConfig config;
    private final TerritorySerdes serdes;
    private final TerritoryHistoryRepository repository;
    private final MeterRegistry registry;
    private final String bootstrapServers;
    private HistoryRecorder recorder;
    private Thread thread;
    private ScheduledExecutorService retentionJob;

    HistoryRecorderLifecycle(TerritoryServiceConfig config, TerritorySerdes serdes, TerritoryHistoryRepository repository,
                             MeterRegistry registry,
                             @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.config = config;
        this.serdes = serdes;
        this.repository = repository;
        this.registry = registry;
        this.bootstrapServers = bootstrapServers;
    }

    /** SASL/TLS when configured, and the static member id when this instance has one. */
    private Map<String, String> consumerSettings() {
        Map<String, String> settings = new HashMap<>(KafkaClientSecurity.configured());
        config.history().instanceId().filter(id -> !id.isBlank())
                .ifPresent(id -> settings.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id + "-history"));
        return settings;
    }

    void start(@Observes StartupEvent event) {
        if (!config.history().enabled()) {
            return;
        }
        TerritoryTopologyConfig topology = TopologyProducer.topologyConfig(config);
        recorder = new HistoryRecorder(bootstrapServers, config.history().groupId(), topology.healthTopic(),
                topology.teamBalanceTopic(), serdes.territoryHealth().deserializer(), serdes.teamBalance().deserializer(),
                repository, consumerSettings());
        Gauge.builder("territory.history.recorded", recorder, HistoryRecorder::recordedCount)
                .description("territory.health and team.balance records written to MongoDB")
                .register(registry);
        thread = new Thread(recorder, "territory-history-recorder");
        thread.setDaemon(true);
        thread.start();
        HistoryRetention retention = new HistoryRetention(config.history().fullDetail(), config.history().minutelyUntil(),
                config.history().hourlyUntil());
        Counter thinned = Counter.builder("territory.history.thinned")
                .description("History documents deleted by the retention policy").register(registry);
        retentionJob = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread job = new Thread(r, "territory-history-retention");
            job.setDaemon(true);
            return job;
        });
        long interval = config.history().retentionInterval().toMillis();
        retentionJob.scheduleWithFixedDelay(() -> {
            try {
                thinned.increment(repository.applyRetention(retention, Instant.now()));
            } catch (RuntimeException e) { // the store away: the next run thins what this one could not
                LOG.warn("history retention skipped this run: {}", e.toString());
            }
        }, Math.min(60_000, interval), interval, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (retentionJob != null) {
            retentionJob.shutdownNow();
        }
        if (recorder != null) {
            recorder.stop();
            thread.join(10_000);
        }
    }
}
