package io.territoryos.e2e.drill;

import io.territoryos.contracts.Topics;
import io.territoryos.contracts.cdc.ChangeEvent;
import io.territoryos.contracts.cdc.DebeziumDecoder;
import io.territoryos.contracts.crm.CrmAccount;
import io.territoryos.contracts.crm.CrmRep;
import io.territoryos.scoring.mapping.ScoringMapping;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The corpus without a broker: deterministic, of the size asked, every category present, and every record rejected by
 * the shared decoders the services use (DebeziumDecoder, CrmAccount / CrmRep), with a reason naming what its entry
 * says. Registry-framed entries are read by scoring's Avro decoder first; here only their being no JSON is checked.
 */
class BadInputCorpusTest {

    private static final List<BadInputCorpus.Entry> CORPUS = new BadInputCorpus(12).generate(10_000);

    @Test
    void isDeterministicAndOfTheSizeAsked() {
        List<BadInputCorpus.Entry> again = new BadInputCorpus(12).generate(10_000);
        assertThat(CORPUS).hasSize(10_000);
        for (int i = 0; i < CORPUS.size(); i++) {
            assertThat(again.get(i).value()).isEqualTo(CORPUS.get(i).value());
            assertThat(again.get(i).key()).isEqualTo(CORPUS.get(i).key());
        }
        List<BadInputCorpus.Entry> other = new BadInputCorpus(13).generate(10_000);
        int garbage = 0;
        while (!CORPUS.get(garbage).category().equals("binary-garbage")) {
            garbage++;
        }
        assertThat(other.get(garbage).value()).as("another seed, other garbage").isNotEqualTo(CORPUS.get(garbage).value());
    }

    @Test
    void coversEveryKindOfBadRecordOnBothCdcTopics() {
        Map<String, Long> categories = CORPUS.stream().collect(Collectors.groupingBy(e -> e.topic() + " " + e.category(),
                TreeMap::new, Collectors.counting()));
        assertThat(categories.keySet()).contains("crm.accounts truncated-json", "crm.accounts not-json",
                "crm.accounts wrong-type-number", "crm.accounts missing-required", "crm.accounts null-required",
                "crm.accounts null-key", "crm.accounts empty-key", "crm.accounts out-of-range", "crm.accounts unknown-op",
                "crm.accounts binary-garbage", "crm.accounts avro-of-another-type", "crm.accounts avro-unknown-schema",
                "crm.accounts oversized", "crm.reps missing-quota", "crm.reps null-key", "crm.reps binary-garbage");
        assertThat(CORPUS.stream().filter(e -> e.topic().equals(Topics.CRM_REPS.name())).count()).isBetween(1_900L, 2_000L);
        assertThat(CORPUS.stream().filter(e -> e.category().equals("oversized")).count()).isEqualTo(10);
        assertThat(CORPUS.stream().filter(e -> e.category().equals("oversized")).mapToInt(e -> e.value().length).max().orElseThrow())
                .isEqualTo(BadInputCorpus.OVERSIZED_VALUE_BYTES).isLessThan(1_048_588 - 200);
    }

    @Test
    void noRecordTouchesARealAccountOrRep() {
        for (BadInputCorpus.Entry e : CORPUS) {
            if (e.key() != null && e.key().length > 0) {
                assertThat(new String(e.key(), java.nio.charset.StandardCharsets.UTF_8)).contains("BAD-");
            }
        }
    }

    @Test
    void everyRecordIsRejectedByTheSharedDecodersWithAReasonNamingWhatItsEntrySays() {
        Set<String> seen = new HashSet<>();
        for (BadInputCorpus.Entry e : CORPUS) {
            String reason = rejection(e);
            if (reason == null) {
                fail("accepted: " + e);
            }
            if (!e.registryFramed()) {
                assertThat(reason.toLowerCase(Locale.ROOT)).as(e + " -> " + reason).contains(e.expect().toLowerCase(Locale.ROOT));
            }
            seen.add(e.category());
        }
        assertThat(seen).hasSizeGreaterThan(20);
    }

    /** The shared decoders' reason for refusing the record; null when they accept it. */
    private static String rejection(BadInputCorpus.Entry e) {
        try {
            boolean account = e.topic().equals(Topics.CRM_ACCOUNTS.name());
            ChangeEvent event = DebeziumDecoder.decode(e.key(), e.value(), account ? CrmAccount.ID_FIELD : CrmRep.ID_FIELD);
            if (event.removesRow()) {
                return null;
            }
            if (account) {
                ScoringMapping.inputs(CrmAccount.from(event.id(), event.after()));
            } else {
                CrmRep.from(event.id(), event.after());
            }
            return null;
        } catch (RuntimeException ex) {
            return ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        }
    }
}
