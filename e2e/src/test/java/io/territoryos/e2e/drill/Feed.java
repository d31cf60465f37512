package io.territoryos.e2e.drill;

import io.territoryos.contracts.cdc.ChangeOp;
import io.territoryos.contracts.crm.CrmAccount;
import io.territoryos.demo.cdc.CdcFormat;
import io.territoryos.demo.cdc.CdcRecord;
import io.territoryos.demo.cdc.DebeziumEventWriter;
import io.territoryos.e2e.bench.Pacing;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A sustained, bounded CDC feed: {@code rate} account updates per second for {@code seconds}, paced every
 * millisecond, round-robin over the CRM's current accounts, each a Debezium update (op {@code u}) as the demo CRM
 * writes them with a new {@code current_arr} (so every update changes the account's score and its territory).
 * Runs on its own thread; the producer buffers through a broker outage and retries (idempotent, acks=all).
 */
final class Feed implements AutoCloseable {

    private static final AtomicLong SEQUENCE = new AtomicLong(System.currentTimeMillis() % 100_000);

    private final KafkaProducer<byte[], byte[]> producer;
    private final DebeziumEventWriter cdc = new DebeziumEventWriter(CdcFormat.defaults());
    private final List<CrmAccount> book;
    private final int rate;
    private final int seconds;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile String firstError;
    private volatile long startedAt;
    private volatile long endedAt;
    private Thread thread;

    Feed(String bootstrap, List<CrmAccount> book, int rate, int seconds) {
        if (book.isEmpty()) {
            throw new IllegalStateException("no accounts on crm.accounts to update: load the demo CRM first (./territory up)");
        }
        this.book = book;
        this.rate = rate;
        this.seconds = seconds;
        this.producer = producer(bootstrap);
    }

    static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.BUFFER_MEMORY_CONFIG, 256L << 20, ProducerConfig.MAX_BLOCK_MS_CONFIG, 300_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 << 20),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * The seq-th update: the account's row with a current ARR of its own. The ARR stays within the thousand the
     * account's ARR was in (drills do not drift the demo's figures), differs from the row's current value, and changes
     * on every pass over the book, so that every update is a change the service must score.
     */
    CdcRecord update(long seq) {
        CrmAccount a = book.get((int) (seq % book.size()));
        double arr = Math.floor(a.currentArr() / 1000) * 1000 + 1 + (seq / book.size()) % 997;
        if (arr == a.currentArr()) {
            arr += 0.5;
        }
        CrmAccount changed = new CrmAccount(a.accountId(), a.name(), a.segment(), a.industry(), a.region(), a.country(),
                a.lat(), a.lon(), a.status(), arr, a.whitespaceArr(), a.buyingCapacity(), a.renewalRisk(), a.icpFit(),
                a.propensity(), a.procurementStage(), a.ownerRepId(), a.locked(), a.lastActivityAt(), a.renewalDate());
        return cdc.account(ChangeOp.UPDATE, changed, System.currentTimeMillis());
    }

    Feed start() {
        thread = new Thread(this::run, "drill-feed");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    private void run() {
        startedAt = System.currentTimeMillis();
        long start = System.nanoTime();
        long total = (long) rate * seconds;
        for (long i = 0; i < total; i++) {
            Pacing.awaitDue(start, i, rate);
            CdcRecord record = update(SEQUENCE.getAndIncrement());
            try {
                producer.send(new ProducerRecord<>(record.topic(), record.key(), record.value()), (metadata, error) -> {
                    if (error == null) {
                        acked.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                        if (firstError == null) {
                            firstError = error.toString();
                        }
                    }
                });
                sent.incrementAndGet();
            } catch (RuntimeException e) {
                failed.incrementAndGet();
                if (firstError == null) {
                    firstError = e.toString();
                }
            }
        }
        endedAt = System.currentTimeMillis();
        producer.flush();
    }

    /** Waits for the last send and for every acknowledgement. */
    void await() throws InterruptedException {
        thread.join();
    }

    boolean running() {
        return thread != null && thread.isAlive();
    }

    long sent() {
        return sent.get();
    }

    long acked() {
        return acked.get();
    }

    long failed() {
        return failed.get();
    }

    String firstError() {
        return firstError;
    }

    long startedAt() {
        return startedAt;
    }

    long endedAt() {
        return endedAt;
    }

    /** Events per second over the sending time. */
    double achievedRate() {
        long end = endedAt == 0 ? System.currentTimeMillis() : endedAt;
        return sent.get() / Math.max(0.001, (end - startedAt) / 1000.0);
    }

    @Override
    public void close() {
        producer.close();
    }
}
