package io.territoryos.demo;

import io.territoryos.contracts.avro.AccountStatus;
import io.territoryos.contracts.avro.RepStatus;
import io.territoryos.contracts.avro.ScoringWeights;
import io.territoryos.contracts.cdc.ChangeEvent;
import io.territoryos.contracts.cdc.ChangeOp;
import io.territoryos.contracts.cdc.DebeziumDecoder;
import io.territoryos.contracts.crm.CrmAccount;
import io.territoryos.contracts.crm.CrmRep;
import io.territoryos.contracts.serde.AvroSerdes;
import io.territoryos.demo.cdc.CdcRecord;
import io.territoryos.demo.cdc.DecimalMode;
import io.territoryos.demo.cdc.Envelope;
import io.territoryos.demo.domain.SeedTeam;
import io.territoryos.demo.domain.Story;
import io.territoryos.demo.domain.StoryStep;
import io.territoryos.demo.domain.WeightsVersion;
import io.territoryos.demo.mapping.ScoringWeightsMapping;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

class DemoCrmTest {

    private static final DemoConfig CONFIG = DemoConfig.of(42, 1_000);

    @Test
    void shouldEmitTheSameBytesForTheSameSeed() {
        DemoCrm first = DemoCrm.generate(CONFIG);
        DemoCrm second = DemoCrm.generate(CONFIG);

        assertThat(second.snapshotEvents().toList()).isEqualTo(first.snapshotEvents().toList());
        assertThat(second.storyEvents()).isEqualTo(first.storyEvents());
        assertThat(second.initialWeightsEvent()).isEqualTo(first.initialWeightsEvent());
    }

    @Test
    void shouldEmitDifferentBytesForAnotherSeed() {
        List<CdcRecord> first = DemoCrm.generate(CONFIG).accountSnapshotEvents().limit(50).toList();
        List<CdcRecord> other = DemoCrm.generate(DemoConfig.of(43, 1_000)).accountSnapshotEvents().limit(50).toList();

        assertThat(other).isNotEqualTo(first);
    }

    @ParameterizedTest(name = "{0} envelope, {1} decimals")
    @CsvSource({"PLAIN,DOUBLE", "PLAIN,STRING", "WRAPPED,DOUBLE", "WRAPPED,STRING", "WRAPPED,PRECISE"})
    void shouldEmitASnapshotThatDecodesToTheGeneratedRows(Envelope envelope, DecimalMode decimals) {
        DemoCrm demo = DemoCrm.generate(CONFIG.with(envelope, decimals));
        List<CdcRecord> records = demo.snapshotEvents().toList();
        List<CrmRep> reps = new ArrayList<>();
        List<CrmAccount> accounts = new ArrayList<>();
        long previousTs = Long.MIN_VALUE;
        for (CdcRecord record : records) {
            boolean isRep = record.topic().equals("crm.reps");
            ChangeEvent event = DebeziumDecoder.decode(record.key(), record.value(),
                    isRep ? CrmRep.ID_FIELD : CrmAccount.ID_FIELD);
            assertThat(event.op()).isEqualTo(ChangeOp.READ);
            assertThat(event.tsMs()).isGreaterThan(previousTs);
            previousTs = event.tsMs();
            if (isRep) {
                assertThat(accounts).as("reps come before accounts").isEmpty();
                reps.add(CrmRep.from(event.id(), event.after()));
            } else {
                accounts.add(CrmAccount.from(event.id(), event.after()));
            }
        }

        assertThat(reps).isEqualTo(demo.reps());
        assertThat(accounts).isEqualTo(demo.accounts().toList());
        assertThat(records).hasSize(demo.snapshotSize());
    }

    @Test
    void shouldStartTheSnapshotAtTheBaseTimeAndCountUp() {
        DemoCrm demo = DemoCrm.generate(CONFIG);
        CdcRecord first = demo.snapshotEvents().findFirst().orElseThrow();
        CdcRecord firstAccount = demo.accountSnapshotEvents().findFirst().orElseThrow();

        assertThat(DebeziumDecoder.decode(first.key(), first.value(), CrmRep.ID_FIELD).tsMs())
                .isEqualTo(CONFIG.format().baseTimeMs());
        assertThat(DebeziumDecoder.decode(firstAccount.key(), firstAccount.value(), CrmAccount.ID_FIELD).tsMs())
                .isEqualTo(CONFIG.format().baseTimeMs() + demo.reps().size());
    }

    @Test
    void shouldLetTheSeedTeamBeFoundInTheEmittedEvents() {
        DemoCrm demo = DemoCrm.generate(CONFIG);
        SeedTeam seed = demo.seedTeam();
        Map<String, Double> arrPlusWhitespace = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        demo.accountSnapshotEvents().forEach(record -> {
            ChangeEvent event = DebeziumDecoder.decode(record.key(), record.value(), CrmAccount.ID_FIELD);
            CrmAccount account = CrmAccount.from(event.id(), event.after());
            if (account.ownerRepId() != null) {
                arrPlusWhitespace.merge(account.ownerRepId(), account.currentArr() + account.whitespaceArr(), Double::sum);
                counts.merge(account.ownerRepId(), 1, Integer::sum);
            }
        });

        assertThat(arrPlusWhitespace.get(seed.overloadedRepId())).isEqualTo(4_000_000.0);
        assertThat(counts.get(seed.overloadedRepId())).isEqualTo(60);
        assertThat(arrPlusWhitespace.get(seed.starvedRepId())).isEqualTo(800_000.0);
        assertThat(counts.get(seed.starvedRepId())).isEqualTo(25);
    }

    @Test
    void shouldTellTheRepExitAsAnUpdateToExited() {
        DemoCrm demo = DemoCrm.generate(CONFIG);
        List<CdcRecord> records = demo.storyEvents(StoryStep.REP_EXIT);
        ChangeEvent event = DebeziumDecoder.decode(records.get(0).key(), records.get(0).value(), CrmRep.ID_FIELD);
        CrmRep rep = CrmRep.from(event.id(), event.after());

        assertThat(records).hasSize(1);
        assertThat(event.op()).isEqualTo(ChangeOp.UPDATE);
        assertThat(rep.repId()).isEqualTo(demo.story().exitingRepId());
        assertThat(rep.status()).isEqualTo(RepStatus.EXITED);
        assertThat(rep.team()).isEqualTo(demo.seedTeam().team());
        long snapshotEnd = demo.config().format().baseTimeMs() + demo.snapshotSize();
        assertThat(event.tsMs()).as("after every snapshot event, not a day later").isEqualTo(snapshotEnd);
    }

    @Test
    void shouldTellTheWhaleChurnThenADeleteFollowedByItsTombstone() {
        DemoCrm demo = DemoCrm.generate(CONFIG);
        Story story = demo.story();
        List<CdcRecord> records = demo.storyEvents(StoryStep.WHALE_CHURN);
        List<ChangeEvent> events = records.stream()
                .map(r -> DebeziumDecoder.decode(r.key(), r.value(), CrmAccount.ID_FIELD)).toList();

        assertThat(events).hasSize(3);
        assertThat(events.get(0).op()).isEqualTo(ChangeOp.UPDATE);
        CrmAccount churned = CrmAccount.from(events.get(0).id(), events.get(0).after());
        assertThat(churned.accountId()).isEqualTo(story.whaleAccountId());
        assertThat(churned.status()).isEqualTo(AccountStatus.CHURNED);
        assertThat(churned.ownerRepId()).isEqualTo(story.whaleOwnerRepId());
        assertThat(churned.currentArr()).isEqualTo(demo.account(story.whaleAccountId()).currentArr());
        assertThat(events.get(1).op()).isEqualTo(ChangeOp.DELETE);
        assertThat(events.get(1).id()).isEqualTo(story.deletedAccountId());
        assertThat(events.get(2).tombstone()).isTrue();
        assertThat(records.get(2).key()).isEqualTo(records.get(1).key());
        assertThat(events.get(1).tsMs()).isGreaterThan(events.get(0).tsMs());
    }

    @Test
    void shouldPublishANewWeightsVersionWithAMaterialChange() {
        DemoCrm demo = DemoCrm.generate(CONFIG);
        CdcRecord before = demo.initialWeightsEvent();
        CdcRecord after = demo.storyEvents(StoryStep.WEIGHTS_CHANGE).get(0);
        WeightsVersion v1 = decodeWeights(before);
        WeightsVersion v2 = decodeWeights(after);

        assertThat(after.topic()).isEqualTo("config.scoring-weights");
        assertThat(after.keyText()).isEqualTo("potential-v1");
        assertThat(v1).isEqualTo(demo.story().weightsBefore());
        assertThat(v1.fitWeight()).isEqualTo(0.30);
        assertThat(v1.propensityWeight()).isEqualTo(0.10);
        assertThat(v2.version()).isGreaterThan(v1.version());
        assertThat(v2.largestChangeFrom(v1)).isGreaterThanOrEqualTo(0.05 - 1e-9);
        assertThat(v2.sum()).isCloseTo(1.0, offset(1e-9));
        assertThat(v1.sum()).isCloseTo(1.0, offset(1e-9));
    }

    @Test
    void shouldEmitEachStepTheSameAloneAsInTheWholeStory() {
        DemoCrm demo = DemoCrm.generate(CONFIG);
        List<CdcRecord> steps = Stream.of(StoryStep.values()).flatMap(s -> demo.storyEvents(s).stream()).toList();

        assertThat(demo.storyEvents()).isEqualTo(steps).hasSize(5);
    }

    @Test
    void shouldUseTheConfiguredTopicNames() {
        DemoCrm demo = DemoCrm.generate(CONFIG.withTopics("crm.public.accounts", "crm.public.reps"));

        assertThat(demo.snapshotEvents().map(CdcRecord::topic).distinct().toList())
                .containsExactly("crm.public.reps", "crm.public.accounts");
    }

    @Test
    void shouldStreamAHundredThousandAccountSnapshot() {
        DemoCrm demo = DemoCrm.generate(DemoConfig.of(3, 100_000));
        long[] countAndBytes = new long[2];
        demo.accountSnapshotEvents().forEach(record -> {
            countAndBytes[0]++;
            countAndBytes[1] += record.sizeInBytes();
        });

        assertThat(countAndBytes[0]).isEqualTo(100_000);
        assertThat(countAndBytes[1]).isGreaterThan(100_000L * 300);
    }

    private static WeightsVersion decodeWeights(CdcRecord record) {
        ScoringWeights avro = AvroSerdes.valueSerde(ScoringWeights.class, Map.of()).deserializer()
                .deserialize(record.topic(), record.value());
        return ScoringWeightsMapping.fromAvro(avro);
    }
}
