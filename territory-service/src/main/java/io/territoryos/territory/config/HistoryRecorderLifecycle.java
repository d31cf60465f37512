package io.territoryos.territory.config;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.territoryos.territory.messaging.HistoryRecorder;
import io.territoryos.territory.persistence.TerritoryHistoryRepository;
import io.territoryos.territory.streams.TerritorySerdes;
import io.territoryos.territory.streams.TerritoryTopologyConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Starts the history recorder on its own thread with the application and stops it on shutdown. */
@ApplicationScoped
public class HistoryRecorderLifecycle {

    private final TerritoryServiceConfig config;
    private final TerritorySerdes serdes;
    private final TerritoryHistoryRepository repository;
    private final MeterRegistry registry;
    private final String bootstrapServers;
    private HistoryRecorder recorder;
    private Thread thread;

    HistoryRecorderLifecycle(TerritoryServiceConfig config, TerritorySerdes serdes, TerritoryHistoryRepository repository,
                             MeterRegistry registry,
                             @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.config = config;
        this.serdes = serdes;
        this.repository = repository;
        this.registry = registry;
        this.bootstrapServers = bootstrapServers;
    }

    void start(@Observes StartupEvent event) {
        if (!config.history().enabled()) {
            return;
        }
        TerritoryTopologyConfig topology = TopologyProducer.topologyConfig(config);
        recorder = new HistoryRecorder(bootstrapServers, config.history().groupId(), topology.healthTopic(),
                topology.teamBalanceTopic(), serdes.territoryHealth().deserializer(), serdes.teamBalance().deserializer(),
                repository);
        Gauge.builder("territory.history.recorded", recorder, HistoryRecorder::recordedCount)
                .description("territory.health and team.balance records written to MongoDB")
                .register(registry);
        thread = new Thread(recorder, "territory-history-recorder");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (recorder != null) {
            recorder.stop();
            thread.join(10_000);
        }
    }
}
