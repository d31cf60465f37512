package io.territoryos.territory.streams;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.territoryos.contracts.avro.Motion;
import io.territoryos.contracts.avro.RepStatus;
import io.territoryos.contracts.avro.Segment;
import io.territoryos.contracts.avro.Tier;
import io.territoryos.contracts.serde.JsonSerde;
import io.territoryos.testkit.StoredFormat;
import io.territoryos.territory.domain.AccountContribution;
import io.territoryos.territory.domain.AccountDelta;
import io.territoryos.territory.domain.BalanceMember;
import io.territoryos.territory.domain.PendingPublication;
import io.territoryos.territory.domain.RepProfile;
import io.territoryos.territory.domain.SegmentConversion;
import io.territoryos.territory.domain.TerritoryAccumulator;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The state stores and repartition topics of territory-service hold these bytes: the shared {@link JsonSerde} must
 * write, for every stored type, exactly what the service's own JsonSerde wrote before it was folded into schemas
 * (else a running application would need a reset).
 */
class InternalJsonFormatTest {

    /** The mapper of the former io.territoryos.territory.streams.JsonSerde, as it was. */
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

    static List<Object> samples() {
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
                new TerritoryEvent(TerritoryEvent.Kind.REP_UPSERT, null, REP, "R-1", null, null, null, 5L),
                new TerritoryEvent(TerritoryEvent.Kind.SEGMENT_STATS, null, null, null, Segment.SMB, STATS, null, 6L),
                new TerritoryEvent(TerritoryEvent.Kind.TRANSFER, null, null, "R-1", null, null, TERRITORY, 7L),
                new OrgMemberChange("R-1", "Mid-EMEA", MEMBER, 8L));
    }

    @Test
    void shouldWriteEveryStoredTypeAsTheServicesFormerSerdeDid() throws Exception {
        StoredFormat.assertWrittenAsBefore(FORMER, samples());
    }

    @Test
    void shouldKeepTheStoredBytesOfAMemberToTheLetter() {
        assertThat(new String(JsonSerde.of(BalanceMember.class).serializer().serialize("t", MEMBER), StandardCharsets.UTF_8))
                .isEqualTo("{\"repId\":\"R-1\",\"home\":\"Mid-EMEA\",\"countsInBalance\":true,\"potentialCents\":5000000,"
                        + "\"coverageRatio\":3.25}");
    }
}
