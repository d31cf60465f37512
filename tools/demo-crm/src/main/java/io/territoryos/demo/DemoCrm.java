package io.territoryos.demo;

import io.territoryos.contracts.avro.AccountStatus;
import io.territoryos.contracts.avro.RepStatus;
import io.territoryos.contracts.cdc.ChangeOp;
import io.territoryos.contracts.crm.CrmAccount;
import io.territoryos.contracts.crm.CrmRep;
import io.territoryos.demo.cdc.CdcRecord;
import io.territoryos.demo.cdc.DebeziumEventWriter;
import io.territoryos.demo.domain.CrmGenerator;
import io.territoryos.demo.domain.SeedTeam;
import io.territoryos.demo.domain.Story;
import io.territoryos.demo.domain.StoryStep;
import io.territoryos.demo.messaging.WeightsRecords;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The demo CRM as a library: generates a CRM from a seed and gives its snapshot (reps, then accounts, op
 * {@code r}) and the story's later changes as the records a Debezium connector would publish, plus the scoring
 * weights the load publishes. Everything is a pure function of the {@link DemoConfig}: same config, same bytes.
 *
 * <pre>{@code
 * DemoCrm demo = DemoCrm.generate(DemoConfig.of(42, 2_000));
 * demo.snapshotEvents().forEach(send);          // crm.reps then crm.accounts
 * send(demo.initialWeightsEvent());             // config.scoring-weights version 1
 * demo.storyEvents(StoryStep.REP_EXIT).forEach(send);
 * }</pre>
 */
public final class DemoCrm {

    private final DemoConfig config;
    private final CrmGenerator generator;
    private final DebeziumEventWriter writer;
    private final WeightsRecords weightsRecords;

    private DemoCrm(DemoConfig config) {
        this.config = config;
        this.generator = new CrmGenerator(config.seed(), config.accounts(), config.format().baseTimeMs());
        this.writer = new DebeziumEventWriter(config.format());
        this.weightsRecords = new WeightsRecords(config.format().weightsTopic());
    }

    public static DemoCrm generate(DemoConfig config) {
        return new DemoCrm(config);
    }

    public DemoConfig config() {
        return config;
    }

    public List<CrmRep> reps() {
        return generator.reps();
    }

    /** Every account in id order, generated lazily. */
    public Stream<CrmAccount> accounts() {
        return generator.accounts();
    }

    public CrmAccount account(String accountId) {
        return generator.account(generator.indexOf(accountId));
    }

    /** A rep's accounts at snapshot time. */
    public List<CrmAccount> book(String repId) {
        return generator.book(repId);
    }

    public SeedTeam seedTeam() {
        return generator.seedTeam();
    }

    public Story story() {
        return generator.story();
    }

    // ---- the snapshot -------------------------------------------------------------------------------------

    /** Reps then accounts, op {@code r}, {@code ts_ms} = base time + position; lazy: nothing is held. */
    public Stream<CdcRecord> snapshotEvents() {
        return Stream.concat(repSnapshotEvents(), accountSnapshotEvents());
    }

    public Stream<CdcRecord> repSnapshotEvents() {
        List<CrmRep> reps = generator.reps();
        long base = config.format().baseTimeMs();
        return IntStream.range(0, reps.size()).mapToObj(i -> writer.rep(ChangeOp.READ, reps.get(i), base + i));
    }

    public Stream<CdcRecord> accountSnapshotEvents() {
        long base = config.format().baseTimeMs() + generator.reps().size();
        return IntStream.range(0, generator.accountCount())
                .mapToObj(i -> writer.account(ChangeOp.READ, generator.account(i), base + i));
    }

    public int snapshotSize() {
        return generator.reps().size() + generator.accountCount();
    }

    /** Version 1 of the scoring weights, the defaults of PRODUCT.md section 4. */
    public CdcRecord initialWeightsEvent() {
        return weightsRecords.record(generator.story().weightsBefore());
    }

    // ---- the story ----------------------------------------------------------------------------------------

    /** Every step, in order: rep exit, whale churn (then a delete and its tombstone), weights change. */
    public List<CdcRecord> storyEvents() {
        List<CdcRecord> all = new ArrayList<>();
        Arrays.stream(StoryStep.values()).forEach(step -> all.addAll(storyEvents(step)));
        return all;
    }

    /** One step's records; the same bytes whether run alone or as part of the whole story. */
    public List<CdcRecord> storyEvents(StoryStep step) {
        Story story = generator.story();
        // just after the snapshot's last event: with the base time "now", a later stamp would lie in the future
        long at = config.format().baseTimeMs() + snapshotSize() + step.ordinal();
        return switch (step) {
            case REP_EXIT -> List.of(writer.rep(ChangeOp.UPDATE,
                    generator.rep(story.exitingRepId()).withStatus(RepStatus.EXITED), at));
            case WHALE_CHURN -> {
                CrmAccount whale = account(story.whaleAccountId());
                CrmAccount churned = new CrmAccount(whale.accountId(), whale.name(), whale.segment(),
                        whale.industry(), whale.region(), whale.country(), whale.lat(), whale.lon(),
                        AccountStatus.CHURNED, whale.currentArr(), whale.whitespaceArr(), whale.buyingCapacity(),
                        whale.renewalRisk(), whale.icpFit(), whale.propensity(), whale.procurementStage(),
                        whale.ownerRepId(), whale.locked(), at, whale.renewalDate());
                yield List.of(
                        writer.account(ChangeOp.UPDATE, churned, at),
                        writer.accountDelete(story.deletedAccountId(), at + 1),
                        writer.accountTombstone(story.deletedAccountId()));
            }
            case WEIGHTS_CHANGE -> List.of(weightsRecords.record(story.weightsAfter()));
        };
    }
}
