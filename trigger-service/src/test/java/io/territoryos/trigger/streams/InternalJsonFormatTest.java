package io.territoryos.trigger.streams;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.territoryos.contracts.serde.JsonSerde;
import io.territoryos.testkit.StoredFormat;
import io.territoryos.trigger.domain.AccountFacts;
import io.territoryos.trigger.domain.AccountLoss;
import io.territoryos.trigger.domain.AlertKind;
import io.territoryos.trigger.domain.BalanceFacts;
import io.territoryos.trigger.domain.CommandScope;
import io.territoryos.trigger.domain.CommandType;
import io.territoryos.trigger.domain.Episode;
import io.territoryos.trigger.domain.EvidenceItem;
import io.territoryos.trigger.domain.MarketEntry;
import io.territoryos.trigger.domain.MarketExit;
import io.territoryos.trigger.domain.MarketState;
import io.territoryos.trigger.domain.RepExit;
import io.territoryos.trigger.domain.RepFacts;
import io.territoryos.trigger.domain.RepState;
import io.territoryos.trigger.domain.TeamPolicyFacts;
import io.territoryos.trigger.domain.TerritoryFacts;
import io.territoryos.trigger.domain.TriggerCommand;
import io.territoryos.trigger.domain.WeightsVersion;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hub's state stores hold these bytes (the account store holds binary since 2026-12-07; the hub's repartition
 * topic, its territory and pending-drift stores and the alert store since 2026-12-08; all still read this JSON): the shared
 * {@link JsonSerde} must write, for every stored type, exactly what trigger-service's own JsonSerde wrote before it
 * was folded into schemas (else a running application would need a reset).
 */
class InternalJsonFormatTest {

    /** The mapper of the former io.territoryos.trigger.streams.JsonSerde, as it was. */
    private static final ObjectMapper FORMER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private static final RepFacts REP = new RepFacts("R-1", "Ada", RepState.ACTIVE, "MID_MARKET", "LATAM", "Mid", 1.2e6, 10L);
    private static final TerritoryFacts TERRITORY = new TerritoryFacts("R-1", "Mid", "MID_MARKET", "LATAM", RepState.ON_LEAVE,
            1.2e6, 14, 3.4e6, 2.83, null, true, 2, 120_000.5, 11L);
    private static final BalanceFacts BALANCE = new BalanceFacts("Mid", 6, 0.59, 0.41, 0.3, 2, 2.1e7, 12L);
    private static final TriggerCommand COMMAND = new TriggerCommand("NEW_MARKET:MID_MARKET/LATAM:13", CommandType.NEW_MARKET,
            new CommandScope("Mid", "MID_MARKET", "LATAM", List.of("R-1", "R-2")),
            List.of(new EvidenceItem("uncovered_potential", 750_000.0, 500_000.0, "MID_MARKET/LATAM"),
                    new EvidenceItem("accounts", 3.0, null, null)),
            "3 accounts in MID_MARKET/LATAM", "MID_MARKET/LATAM", 13L);
    private static final WeightsVersion WEIGHTS = new WeightsVersion("v2", 4, ordered("fit", 0.3, "expansion", 0.7), 14L);

    static List<Object> samples() {
        Map<AlertKind, Episode> episodes = new EnumMap<>(AlertKind.class);
        episodes.put(AlertKind.COVERAGE_BELOW_THRESHOLD, new Episode(true, 20L, false));
        episodes.put(AlertKind.STRUCTURALLY_UNDERPERFORMING, new Episode(false, 21L, true));
        return List.of(
                REP,
                TERRITORY,
                new MarketState("MID_MARKET", "LATAM", ordered("A-7", 250_000.0, "A-8", 125_000.25), 19L, null),
                new MarketState("MID_MARKET", "LATAM", ordered("A-7", 250_000.0, "A-8", 125_000.25), 19L, 20L),
                WEIGHTS,
                new TeamPolicyFacts("Mid", 3, true, 22L),
                new EmittedCommand(COMMAND, 23L),
                new SuppressedCommand(COMMAND, "cooldown", 24L, 25L, 26L),
                BALANCE,
                new RepExit("R-1", 27L, true),
                new MarketEntry("A-7", "MID_MARKET", "LATAM", 250_000.0, 28L),
                new RepAlertState(TERRITORY, episodes, 29L),
                HubEvent.rep(REP),
                HubEvent.repDeleted("R-1", 30L),
                HubEvent.territory(TERRITORY),
                HubEvent.balance(BALANCE),
                HubEvent.weights(WEIGHTS),
                HubEvent.loss(new AccountLoss("A-3", "R-1", "ENTERPRISE", "EMEA", 2.5e6, true, 31L)),
                HubEvent.entry(new MarketEntry("A-7", "MID_MARKET", "LATAM", 250_000.0, 32L)),
                HubEvent.exit(new MarketExit("A-7", "MID_MARKET", "LATAM"), 33L),
                HubEvent.policy(new TeamPolicyFacts("Mid", 3, false, 34L)),
                HubEvent.policyDeleted("Mid"));
    }

    @Test
    void shouldWriteEveryStoredTypeAsTheServicesFormerSerdeDid() throws Exception {
        StoredFormat.assertWrittenAsBefore(FORMER, samples());
    }

    /**
     * The account store (2026-12-07), the hub's territory and pending-drift stores and the alert store (2026-12-08)
     * moved to {@link io.territoryos.contracts.serde.RecordSerde}'s binary; the JSON they held still reads.
     */
    @Test
    void shouldWriteTheHotStoresInBinaryAndReadTheJsonTheyHeldBefore() throws Exception {
        Map<AlertKind, Episode> episodes = new EnumMap<>(AlertKind.class);
        episodes.put(AlertKind.COVERAGE_BELOW_THRESHOLD, new Episode(true, 20L, false));
        StoredFormat.assertBinaryAndReadsFormerJson(FORMER, List.of(TERRITORY, BALANCE,
                new TerritoryFacts("R-2", null, null, null, null, 0.0, 0, 0.0, null, 1.5, false, 0, 0.0, 12L),
                new RepAlertState(TERRITORY, episodes, 29L), new RepAlertState(TERRITORY, Map.of(), 30L)));
        StoredFormat.assertBinaryAndReadsFormerJson(FORMER, List.of(
                new AccountFacts("A-1", "R-1", "SMB", "NA-EAST", false, 80_000.0, true, 1_700_000_000_000L, 15L, null, 16L),
                new AccountFacts("A-2", null, "SMB", null, true, 0.0, false, null, 17L, 18L, null)));
    }

    /**
     * The hub's repartition topic moved to {@link io.territoryos.contracts.serde.RecordSerde}'s binary (2026-12-08):
     * every kind of fact, the weights' map included, reads back; JSON still on the topic at an upgrade reads too.
     */
    @Test
    void shouldSendEveryHubEventInBinaryAndReadTheJsonOnTheTopicBefore() throws Exception {
        StoredFormat.assertBinaryAndReadsFormerJson(FORMER, samples().stream()
                .filter(HubEvent.class::isInstance).map(HubEvent.class::cast).toList());
    }

    @Test
    void shouldKeepTheStoredBytesOfAnExitToTheLetter() {
        assertThat(new String(JsonSerde.of(RepExit.class).serializer().serialize("t", new RepExit("R-1", 27L, true)),
                StandardCharsets.UTF_8))
                .isEqualTo("{\"repId\":\"R-1\",\"exitedAt\":27,\"fired\":true}");
    }

    @Test
    void shouldReadAMarketStoredBeforeItCouldAskForHeadcountAsOneThatAskedNothing() {
        byte[] before = "{\"segment\":\"MID_MARKET\",\"region\":\"LATAM\",\"uncoveredAccounts\":{\"A-7\":250000.0},\"firstSeenAt\":19}"
                .getBytes(StandardCharsets.UTF_8);

        MarketState market = JsonSerde.of(MarketState.class).deserializer().deserialize("t", before);

        assertThat(market).isEqualTo(new MarketState("MID_MARKET", "LATAM", Map.of("A-7", 250_000.0), 19L, null));
        assertThat(market.headcountAsked()).isFalse();
    }

    private static Map<String, Double> ordered(String k1, double v1, String k2, double v2) {
        Map<String, Double> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }
}
