package io.territoryos.scoring.bench;

import io.territoryos.contracts.Topics;
import io.territoryos.testkit.EmbeddedKafka;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A real in-process KRaft broker with the product's topics, for running the packaged service by hand or under
 * the benchmark: prints its bootstrap address (and writes it to the file named by the first argument, if any),
 * then serves until killed.
 */
public final class LocalBroker {

    public static void main(String[] args) throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.start();
        kafka.createTopics(Topics.ALL);
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::close));
        System.out.println("bootstrap.servers=" + kafka.bootstrapServers());
        if (args.length > 0) {
            Files.writeString(Path.of(args[0]), kafka.bootstrapServers());
        }
        new CountDownLatch(1).await();
    }

    private LocalBroker() {
    }
}
