package io.territoryos.optimizer.persistence;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.territoryos.contracts.avro.ProposalStatus;
import io.territoryos.contracts.avro.RebalanceProposal;
import io.territoryos.contracts.serde.AvroSerdes;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.common.serialization.Serde;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Proposals and their audit trail in MongoDB, without transactions (the local wire server has none): a proposal
 * is one document keyed by its id (the Avro bytes it is read back from, plus a readable copy and the fields
 * the REST API filters on); status changes are conditional updates; audit entries are inserts keyed by id.
 */
public final class MongoProposalStore implements ProposalStore {

    private final MongoCollection<Document> proposals;
    private final MongoCollection<Document> audit;
    private final Serde<RebalanceProposal> binary = AvroSerdes.binary(RebalanceProposal.class);
    /** Orders audit entries written within the same millisecond (an approval and its application). */
    private final java.util.concurrent.atomic.AtomicLong auditSequence =
            new java.util.concurrent.atomic.AtomicLong(System.currentTimeMillis() * 1_000);

    public MongoProposalStore(MongoDatabase database) {
        this.proposals = database.getCollection("proposals");
        this.audit = database.getCollection("proposal_audit");
        proposals.createIndex(Indexes.compoundIndex(Indexes.ascending("team"), Indexes.descending("created_at")));
        proposals.createIndex(Indexes.ascending("status"));
        audit.createIndex(Indexes.compoundIndex(Indexes.ascending("proposal_id"), Indexes.ascending("at"), Indexes.ascending("seq")));
    }

    @Override
    public Optional<RebalanceProposal> find(String proposalId) {
        return Optional.ofNullable(proposals.find(Filters.eq("_id", proposalId)).first()).map(this::read);
    }

    @Override
    public void save(RebalanceProposal proposal) {
        Document document = new Document("_id", proposal.getProposalId())
                .append("team", proposal.getCommand().getScope().getTeam())
                .append("status", proposal.getStatus().name())
                .append("trigger", proposal.getCommand().getType().name())
                .append("command_id", proposal.getCommand().getCommandId())
                .append("created_at", Date.from(proposal.getCreatedAt()))
                .append("moves", proposal.getMoves().size())
                .append("view", Document.parse(SpecificData.get().toString(proposal)))
                .append("avro", new Binary(binary.serializer().serialize(null, proposal)));
        proposals.replaceOne(Filters.eq("_id", proposal.getProposalId()), document, new ReplaceOptions().upsert(true));
    }

    @Override
    public List<RebalanceProposal> list(String team, ProposalStatus status, int limit) {
        List<Bson> filters = new ArrayList<>();
        if (team != null) {
            filters.add(Filters.eq("team", team));
        }
        if (status != null) {
            filters.add(Filters.eq("status", status.name()));
        }
        Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
        List<RebalanceProposal> result = new ArrayList<>();
        proposals.find(filter).sort(Sorts.descending("created_at")).limit(limit).forEach(d -> result.add(read(d)));
        return result;
    }

    @Override
    public boolean transition(String proposalId, ProposalStatus from, ProposalStatus to, String decidedBy, String comment) {
        return update(proposalId, from, to, proposal -> {
            if (decidedBy != null) {
                proposal.setDecidedBy(decidedBy);
                proposal.setDecisionComment(comment);
            }
        });
    }

    @Override
    public boolean supersede(String proposalId, String supersededBy) {
        return update(proposalId, ProposalStatus.PENDING_APPROVAL, ProposalStatus.SUPERSEDED,
                proposal -> proposal.setSupersededBy(supersededBy));
    }

    private boolean update(String proposalId, ProposalStatus from, ProposalStatus to,
                           java.util.function.Consumer<RebalanceProposal> change) {
        Document current = proposals.find(Filters.and(Filters.eq("_id", proposalId), Filters.eq("status", from.name()))).first();
        if (current == null) {
            return false;
        }
        RebalanceProposal proposal = read(current);
        proposal.setStatus(to);
        change.accept(proposal);
        // the status in the filter makes this a compare-and-set: of two racing approvals only one matches
        var result = proposals.updateOne(Filters.and(Filters.eq("_id", proposalId), Filters.eq("status", from.name())),
                Updates.combine(
                        Updates.set("status", to.name()),
                        Updates.set("view", Document.parse(SpecificData.get().toString(proposal))),
                        Updates.set("avro", new Binary(binary.serializer().serialize(null, proposal)))));
        return result.getModifiedCount() == 1;
    }

    @Override
    public void audit(AuditEntry entry) {
        try {
            audit.insertOne(new Document("_id", entry.id())
                    .append("proposal_id", entry.proposalId())
                    .append("action", entry.action())
                    .append("actor", entry.actor())
                    .append("comment", entry.comment())
                    .append("at", Date.from(entry.at()))
                    .append("seq", auditSequence.incrementAndGet())
                    .append("details", entry.details()));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    @Override
    public List<AuditEntry> auditTrail(String proposalId) {
        List<AuditEntry> trail = new ArrayList<>();
        audit.find(Filters.eq("proposal_id", proposalId)).sort(Sorts.ascending("at", "seq")).forEach(d -> trail.add(
                new AuditEntry(d.getString("_id"), d.getString("proposal_id"), d.getString("action"), d.getString("actor"),
                        d.getString("comment"), d.getDate("at").toInstant(), d.getString("details"))));
        return trail;
    }

    private RebalanceProposal read(Document document) {
        return binary.deserializer().deserialize(null, document.get("avro", Binary.class).getData());
    }
}
