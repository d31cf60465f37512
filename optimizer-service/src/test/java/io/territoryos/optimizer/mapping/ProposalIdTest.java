package io.territoryos.optimizer.mapping;

import io.territoryos.contracts.avro.Evidence;
import io.territoryos.contracts.avro.RebalanceCommand;
import io.territoryos.contracts.avro.Scope;
import io.territoryos.contracts.avro.TriggerType;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Proposal ids are pasted into URLs: unreserved characters only, one id per command id. */
class ProposalIdTest {

    @Test
    void shouldWriteSlashesAndColonsOfACommandIdAsUrlSafeCharacters() {
        String id = ProposalMapping.proposalId(command("NEW_MARKET:MID_MARKET/LATAM:South"));

        assertThat(id).isEqualTo("P-NEW_MARKET.MID_MARKET~2FLATAM.South");
        // RFC 3986's unreserved characters: no percent-encoding needed anywhere in a URL (encodeURIComponent keeps them)
        assertThat(id).matches("[A-Za-z0-9._~-]+");
        assertThat(URI.create("http://localhost:8084/api/proposals/" + id + "/approve").getPath())
                .isEqualTo("/api/proposals/" + id + "/approve");
    }

    @Test
    void shouldKeepCommandIdsThatDifferOnlyInEscapedCharactersApart() {
        assertThat(ProposalMapping.proposalId(command("a:b")))
                .isNotEqualTo(ProposalMapping.proposalId(command("a.b")))
                .isNotEqualTo(ProposalMapping.proposalId(command("a~2Eb")));
        assertThat(ProposalMapping.proposalId(command("MANUAL:Zürich team:bob@x:1")))
                .isEqualTo("P-MANUAL.Z~C3~BCrich~20team.bob~40x.1")
                .matches("[A-Za-z0-9_.~-]+");
    }

    private static RebalanceCommand command(String commandId) {
        return RebalanceCommand.newBuilder()
                .setCommandId(commandId)
                .setType(TriggerType.MANUAL)
                .setScope(Scope.newBuilder().setTeam("East").build())
                .setEvidence(List.of(Evidence.newBuilder().setName("cv").setValue(0.4).setSubject("East").build()))
                .setSummary("manual")
                .setRequestedBy("alice")
                .setSourceEventTime(Instant.parse("2026-11-23T09:00:00Z"))
                .setIssuedAt(Instant.parse("2026-11-23T09:00:01Z"))
                .build();
    }
}
