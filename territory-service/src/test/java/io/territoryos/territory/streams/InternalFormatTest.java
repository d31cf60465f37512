package io.territoryos.territory.streams;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.territoryos.contracts.avro.Motion;
import io.territoryos.contracts.avro.RepStatus;
import io.territoryos.contracts.avro.Segment;
import io.territoryos.contracts.avro.Tier;
import io.territoryos.contracts.serde.RecordSerde;
import io.territoryos.testkit.StoredFormat;
import io.territoryos.territory.domain.AccountContribution;
import io.territoryos.territory.domain.AccountDelta;
import io.territoryos.territory.domain.BalanceMember;
import io.territoryos.territory.domain.PendingPublication;
import io.territoryos.territory.domain.RepProfile;
import io.territoryos.territory.domain.SegmentConversion;
import io.territoryos.territory.domain.TerritoryAccumulator;
import io.territoryos.territory.domain.TerritoryDelta;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The state stores and repartition topics of territory-service hold these bytes: {@link RecordSerde}'s binary since
 * issue 10, JSON before. Every stored type must read back from its binary and from the JSON that the service's
 * changelogs still hold when a running application is upgraded (else it would need a reset).
 */
class InternalFormatTest {

    /** The mapper of the former io.territoryos.territory.streams.JsonSerde, as it was (what the changelogs hold). */
    private static final ObjectMapper FORMER = new ObjectMapper()
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private static final AccountContribution CONTRIBUTION =
            new AccountContribution("A-1", "R-1", 1_250_000L, 900_000L, 350_000L, Tier.DEVELOP, true, 3);
    private static final RepProfile REP =
            new RepProfile("R-1", "Ada", RepStatus.ON_LEAVE, Motion.DUAL, Segment.MID_MARKET, "EMEA", "Mid-EMEA", 1.5e6, 40);
    private static final SegmentConversion STATS =
            new SegmentConversion(Segment.SMB, 2, 0.25, 18_000.5, 12.0, 6.5, 9.25, 0.8);
    private static final TerritoryAccumulator TERRITORY =
            new TerritoryAccumulator("R-1", 12, 5_000_000L, 3_000_000L, 2_000_000L, 3, 4, 2, 3, 1, 400_000L, 600_000L, null);
    private static final BalanceMember MEMBER = new BalanceMember("R-1", "Mid-EMEA", true, 5_000_000L, 3.25);

    static List<Record> samples() {
        return List.of(
                CONTRIBUTION,
                REP,
                TERRITORY,
                new TerritoryAccumulator("R-2", 0, 0L, 0L, 0L, 0, 0, 0, 0, 0, 0L, 0L, 7),
                STATS,
                new PendingPublication(1_700_000_000_000L, 1_700_000_000_500L, PendingPublication.Fate.LEFT, "Mid-NA"),
                PendingPublication.of(1L, 2L, PendingPublication.Fate.CHANGED),
                MEMBER,
                new BalanceMember("R-3", "__NO_TEAM__", false, 0L, null),
                TerritoryEvent.accountDelta(new AccountDelta("A-1", null, CONTRIBUTION, 1_700_000_000_000L)),
                new TerritoryEvent(TerritoryEvent.Kind.REP_UPSERT, null, REP, "R-1", null, null, null, 5L, null),
                new TerritoryEvent(TerritoryEvent.Kind.SEGMENT_STATS, null, null, null, Segment.SMB, STATS, null, 6L, null),
                new TerritoryEvent(TerritoryEvent.Kind.TRANSFER, null, null, "R-1", null, null, TERRITORY, 7L, null),
                TerritoryEvent.territoryDeltas(List.of(new TerritoryDelta("Mid-EMEA", TERRITORY, 9L, 10L),
                        TerritoryDelta.none("Mid-EMEA", "R-2").minus(CONTRIBUTION, 11L, 12L))),
                new TerritoryDelta("Mid-EMEA", TERRITORY, 9L, 10L),
                new OrgMemberChange("R-1", "Mid-EMEA", MEMBER, 8L));
    }

    @Test
    void shouldWriteEveryStoredTypeInBinaryAndReadTheJsonTheChangelogsHold() throws Exception {
        StoredFormat.assertBinaryAndReadsFormerJson(FORMER, samples());
    }

    @Test
    void shouldKeepTheStoredBytesOfAMemberToTheByte() {
        byte[] bytes = RecordSerde.of(BalanceMember.class).serializer().serialize("t", MEMBER);

        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo("b105" + "0106522d31" + "01104d69642d454d4541" + "04"
                + "0280ade204" + "03400a000000000000");
    }

    @Test
    void shouldReadAMemberFromTheJsonItWasStoredAsBeforeTheBinary() {
        byte[] json = ("{\"repId\":\"R-1\",\"home\":\"Mid-EMEA\",\"countsInBalance\":true,\"potentialCents\":5000000,"
                + "\"coverageRatio\":3.25}").getBytes(StandardCharsets.UTF_8);

        assertThat(RecordSerde.of(BalanceMember.class).deserializer().deserialize("t", json)).isEqualTo(MEMBER);
    }
}
