package io.territoryos.contracts.streams;

import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;

import java.util.Map;

/**
 * Caps the off-heap memory of every RocksDB store of the process: one block cache, shared by all stores of all
 * tasks, that also accounts for the memtables. By default each store of each task gets its own cache and
 * write buffers, so a million-account store over four tasks costs several hundred MB outside the heap.
 * Sized by the JVM system property {@value #TOTAL_PROPERTY} (default 256 MB); RocksDB reads it when the first
 * store opens, so it is set on the command line, not in application.properties. Every CDC update reads the account's
 * last state before writing the new one, so the budget is a trade of memory for CPU: with a million accounts (about
 * 300 MB of state) a 64 MB cache made the read from RocksDB a quarter of the stream thread's time and the service
 * used 31 us of CPU per update; 256 MB, 23 us, at 673 MB peak RSS (docs/benchmarks.md).
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

    /**
     * Not under a service's own config prefix ({@code territory.}, {@code trigger.}, …): Quarkus refuses to start
     * on a system property under a {@code @ConfigMapping} prefix that the mapping does not know.
     */
    public static final String TOTAL_PROPERTY = "tos.rocksdb.off-heap-mb";
    private static final long MB = 1024L * 1024L;
    private static final long TOTAL = Long.getLong(TOTAL_PROPERTY, 256L) * MB;
    /** A quarter of the budget for memtables; they are charged to the same cache. */
    private static final long MEMTABLES = TOTAL / 4;
    private static final double INDEX_AND_FILTER_SHARE = 0.1;

    static {
        // the native library is loaded by the first RocksDB store, yet Kafka Streams may create this setter earlier
        RocksDB.loadLibrary();
    }

    // shared by every store of the process on purpose: that is what makes the budget a budget
    private static final Cache CACHE = new LRUCache(TOTAL, -1, false, INDEX_AND_FILTER_SHARE);
    private static final WriteBufferManager WRITE_BUFFERS = new WriteBufferManager(MEMTABLES, CACHE);

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(CACHE);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(WRITE_BUFFERS);
        options.setMaxWriteBufferNumber(2);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and the write-buffer manager are shared by every store: never closed per store
    }
}
