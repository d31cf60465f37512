package io.territoryos.territory.persistence;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.WriteModel;
import io.territoryos.territory.domain.HistoryResolution;
import io.territoryos.territory.domain.HistoryRetention;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Territory health and team balance in MongoDB: the current record per rep and per team, and their history at a
 * {@link HistoryResolution}: one document per rep (or team) per step, the last record of that step, or one per
 * published record at resolution zero. Writes are upserts keyed by subject and step (or by the record's topic
 * position), so replaying a topic rewrites the same documents; nothing needs a transaction. A subject's records all
 * sit on one partition and are read in order, so the last write of a step is always its latest record.
 */
public final class TerritoryHistoryRepository {

    public static final String HEALTH = "territory_health";
    public static final String HEALTH_HISTORY = "territory_health_history";
    public static final String BALANCE = "team_balance";
    public static final String BALANCE_HISTORY = "team_balance_history";

    static final String AT = "at";
    static final String PARTITION = "kafka_partition";
    static final String OFFSET = "kafka_offset";

    private static final Logger LOG = LoggerFactory.getLogger(TerritoryHistoryRepository.class);
    private static final int DELETE_BATCH = 1_000;
    private static final int DUPLICATE_KEY = 11_000;
    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    private final MongoCollection<Document> health;
    private final MongoCollection<Document> healthHistory;
    private final MongoCollection<Document> balance;
    private final MongoCollection<Document> balanceHistory;
    private final HistoryResolution resolution;

    /** A repository that keeps one history document per published record. */
    public TerritoryHistoryRepository(MongoDatabase database) {
        this(database, HistoryResolution.EVERY_RECORD);
    }

    public TerritoryHistoryRepository(MongoDatabase database, HistoryResolution resolution) {
        this.resolution = resolution;
        this.health = database.getCollection(HEALTH);
        this.healthHistory = database.getCollection(HEALTH_HISTORY);
        this.balance = database.getCollection(BALANCE);
        this.balanceHistory = database.getCollection(BALANCE_HISTORY);
    }

    public void ensureIndexes() {
        IndexOptions unique = new IndexOptions().unique(true);
        healthHistory.createIndex(Indexes.ascending("rep_id", PARTITION, OFFSET), unique);
        healthHistory.createIndex(Indexes.ascending("rep_id", AT));
        balanceHistory.createIndex(Indexes.ascending("team", PARTITION, OFFSET), unique);
        balanceHistory.createIndex(Indexes.ascending("team", AT));
        health.createIndex(Indexes.ascending("team"));
    }

    // --- writing ---------------------------------------------------------------------------------------------

    /** Records territory health entries (subject = rep id), in topic order. */
    public void recordHealth(List<HistoryEntry> entries) {
        record(entries, health, healthHistory);
    }

    /** Records team balance entries (subject = team), in topic order. */
    public void recordBalance(List<HistoryEntry> entries) {
        record(entries, balance, balanceHistory);
    }

    /** A rep that is gone (a tombstone on territory.health): it leaves the current view; its history stays. */
    public void forgetHealth(String repId) {
        health.deleteOne(Filters.eq("_id", repId));
    }

    private void record(List<HistoryEntry> entries, MongoCollection<Document> current, MongoCollection<Document> history) {
        if (entries.isEmpty()) {
            return;
        }
        // entries come in topic order: a later one of the same subject and step replaces the earlier one here already
        Map<String, Document> points = new LinkedHashMap<>();
        Map<String, Document> latest = new LinkedHashMap<>();
        for (HistoryEntry entry : entries) {
            String id = historyId(entry);
            points.put(id, stored(entry).append("_id", id));
            latest.put(entry.subject(), stored(entry).append("_id", entry.subject()));
        }
        List<WriteModel<Document>> historyWrites = new ArrayList<>();
        points.forEach((id, document) -> historyWrites.add(new ReplaceOneModel<>(Filters.eq("_id", id), document, UPSERT)));
        try {
            history.bulkWrite(historyWrites, new BulkWriteOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            if (!onlyDuplicatePositions(e)) {
                throw e;
            }
            // a record already stored under the other id scheme (the resolution changed while records were being
            // re-read): it is in the history, so this is no failure, and retrying would fail the same way for ever
            LOG.warn("{} of {} history points were already stored under another id (resolution changed?): kept as they are",
                    e.getWriteErrors().size(), historyWrites.size());
        }
        List<WriteModel<Document>> currentWrites = new ArrayList<>();
        latest.forEach((subject, document) -> currentWrites.add(new ReplaceOneModel<>(Filters.eq("_id", subject), document, UPSERT)));
        current.bulkWrite(currentWrites);
    }

    private static boolean onlyDuplicatePositions(MongoBulkWriteException e) {
        return e.getWriteConcernError() == null && !e.getWriteErrors().isEmpty()
                && e.getWriteErrors().stream().allMatch(error -> error.getCode() == DUPLICATE_KEY);
    }

    private String historyId(HistoryEntry entry) {
        return resolution.keepsEveryRecord() ? entry.position().id(entry.subject())
                : entry.subject() + "@" + resolution.stepOf(entry.at());
    }

    private static Document stored(HistoryEntry entry) {
        Document document = new Document(entry.fields());
        document.append(AT, Date.from(entry.at()))
                .append(PARTITION, entry.position().partition())
                .append(OFFSET, entry.position().offset());
        return document;
    }

    // --- retention ---------------------------------------------------------------------------------------------

    /** Thins both histories to {@code retention} as of {@code now}; returns how many documents were deleted. */
    public long applyRetention(HistoryRetention retention, Instant now) {
        return thin(healthHistory, "rep_id", retention, now) + thin(balanceHistory, "team", retention, now);
    }

    private static long thin(MongoCollection<Document> history, String subjectField, HistoryRetention retention, Instant now) {
        List<HistoryRetention.Point> points = new ArrayList<>();
        history.find(Filters.lt(AT, Date.from(retention.thinnedBefore(now))))
                .projection(Projections.include(subjectField, AT, PARTITION, OFFSET))
                .forEach(d -> points.add(new HistoryRetention.Point(d.getString("_id"), String.valueOf(d.get(subjectField)),
                        d.getDate(AT).toInstant(), ((Number) d.get(PARTITION)).longValue(), ((Number) d.get(OFFSET)).longValue())));
        List<String> doomed = retention.toDelete(now, points);
        long deleted = 0;
        for (int from = 0; from < doomed.size(); from += DELETE_BATCH) {
            deleted += history.deleteMany(Filters.in("_id", doomed.subList(from, Math.min(doomed.size(), from + DELETE_BATCH))))
                    .getDeletedCount();
        }
        return deleted;
    }

    // --- reading ---------------------------------------------------------------------------------------------

    /** Current health of every territory, or of one team's reps. */
    public List<Document> currentHealth(String team) {
        Bson filter = team == null ? new Document() : Filters.eq("team", team);
        return health.find(filter).sort(Sorts.ascending("_id")).into(new ArrayList<>());
    }

    public Optional<Document> currentHealthOf(String repId) {
        return Optional.ofNullable(health.find(Filters.eq("_id", repId)).first());
    }

    /** Every health record of a rep whose time lies in [from, to], oldest first. */
    public List<Document> healthHistory(String repId, Instant from, Instant to) {
        return healthHistory.find(Filters.and(Filters.eq("rep_id", repId), between(from, to)))
                .sort(Sorts.ascending(AT, PARTITION, OFFSET)).into(new ArrayList<>());
    }

    /** What the territory looked like at an instant: the last record at or before it. */
    public Optional<Document> healthAsOf(String repId, Instant at) {
        return Optional.ofNullable(healthHistory.find(Filters.and(Filters.eq("rep_id", repId), Filters.lte(AT, Date.from(at))))
                .sort(Sorts.descending(AT, PARTITION, OFFSET)).first());
    }

    /** Current balance of every team, the organisation ({@code __ORG__}) included. */
    public List<Document> currentBalances() {
        return balance.find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
    }

    public Optional<Document> currentBalanceOf(String team) {
        return Optional.ofNullable(balance.find(Filters.eq("_id", team)).first());
    }

    public List<Document> balanceHistory(String team, Instant from, Instant to) {
        return balanceHistory.find(Filters.and(Filters.eq("team", team), between(from, to)))
                .sort(Sorts.ascending(AT, PARTITION, OFFSET)).into(new ArrayList<>());
    }

    private static Bson between(Instant from, Instant to) {
        List<Bson> bounds = new ArrayList<>();
        if (from != null) {
            bounds.add(Filters.gte(AT, Date.from(from)));
        }
        if (to != null) {
            bounds.add(Filters.lte(AT, Date.from(to)));
        }
        return bounds.isEmpty() ? new Document() : Filters.and(bounds);
    }
}
