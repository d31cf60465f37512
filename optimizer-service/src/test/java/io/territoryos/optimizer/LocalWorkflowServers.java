package io.territoryos.optimizer;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.territoryos.contracts.Topics;
import io.territoryos.testkit.EmbeddedKafka;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CountDownLatch;

/**
 * Throwaway servers for trying the packaged service by hand (not a test, never started by main code): an
 * in-process broker with the catalogue's topics and {@link SampleBooks} on it, and an in-memory Mongo wire
 * server on port 27018 (or the first argument). Prints the settings to start the service with; stops on Ctrl-C.
 * Run with the module's test classpath, e.g. {@code java -cp target/test-classes:target/classes:$(cat cp.txt)}.
 */
public final class LocalWorkflowServers {

    public static void main(String[] args) throws Exception {
        int mongoPort = args.length > 0 ? Integer.parseInt(args[0]) : 27018;
        EmbeddedKafka kafka = EmbeddedKafka.start();
        kafka.createTopics(Topics.ALL);
        MongoServer mongo = new MongoServer(new MemoryBackend());
        mongo.bind("localhost", mongoPort);
        SampleBooks.publish(kafka.bootstrapServers(), Instant.now().minus(1, ChronoUnit.HOURS));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            mongo.shutdownNow();
            kafka.close();
            stopped.countDown();
        }));
        System.out.println("KAFKA_BOOTSTRAP_SERVERS=" + kafka.bootstrapServers()
                + " MONGO_URI=mongodb://localhost:" + mongoPort);
        stopped.await();
    }

    private LocalWorkflowServers() {
    }
}
