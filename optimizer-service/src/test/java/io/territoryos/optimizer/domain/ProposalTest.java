package io.territoryos.optimizer.domain;

import io.territoryos.optimizer.domain.Proposal.DecisionRefused;
import io.territoryos.optimizer.domain.Proposal.Refusal;
import io.territoryos.optimizer.domain.Proposal.Status;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The maker-checker rules of one proposal, on the plain value. */
class ProposalTest {

    private static Proposal pending() {
        return new Proposal("P-1", "East", Status.PENDING_APPROVAL, "alice", null, null);
    }

    @Test
    void shouldBeApprovedByAnotherPerson() {
        Proposal approved = pending().approve("bob");

        assertThat(approved.status()).isEqualTo(Status.APPROVED);
        assertThat(approved.decidedBy()).isEqualTo("bob");
        assertThat(approved.requester()).isEqualTo("alice");
        assertThat(approved.markApplied().status()).isEqualTo(Status.APPLIED);
        assertThat(approved.markApplied().decidedBy()).isEqualTo("bob");
    }

    @Test
    void shouldBeRejectedByAnotherPerson() {
        Proposal rejected = pending().reject("bob");

        assertThat(rejected.status()).isEqualTo(Status.REJECTED);
        assertThat(rejected.decidedBy()).isEqualTo("bob");
    }

    @Test
    void shouldRefuseADecisionByTheRequester() {
        assertThatThrownBy(() -> pending().approve("alice"))
                .isInstanceOfSatisfying(DecisionRefused.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.SELF_DECISION))
                .hasMessageContaining("alice requested this rebalance");
        assertThatThrownBy(() -> pending().reject("alice"))
                .isInstanceOfSatisfying(DecisionRefused.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.SELF_DECISION));
    }

    @Test
    void shouldRefuseADecisionWithoutAChecker() {
        assertThatThrownBy(() -> pending().approve(" "))
                .isInstanceOfSatisfying(DecisionRefused.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.NO_CHECKER));
        assertThatThrownBy(() -> pending().reject(null))
                .isInstanceOfSatisfying(DecisionRefused.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.NO_CHECKER));
    }

    @Test
    void shouldDecideOnlyAPendingProposal() {
        for (Status status : Status.values()) {
            if (status == Status.PENDING_APPROVAL || status == Status.SUPERSEDED) {
                continue;
            }
            Proposal proposal = new Proposal("P-1", "East", status, "alice", "carol", null);
            assertThatThrownBy(() -> proposal.approve("bob")).as(status.name())
                    .isInstanceOfSatisfying(DecisionRefused.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.NOT_PENDING))
                    .hasMessageContaining("is " + status);
            assertThatThrownBy(() -> proposal.reject("bob")).as(status.name())
                    .isInstanceOf(DecisionRefused.class);
            assertThatThrownBy(() -> proposal.supersede("P-2")).as(status.name())
                    .isInstanceOf(DecisionRefused.class);
        }
    }

    @Test
    void shouldNameTheNewerProposalWhenASupersededOneIsDecided() {
        Proposal superseded = pending().supersede("P-2");

        assertThat(superseded.status()).isEqualTo(Status.SUPERSEDED);
        assertThat(superseded.supersededBy()).isEqualTo("P-2");
        assertThatThrownBy(() -> superseded.approve("bob"))
                .isInstanceOfSatisfying(DecisionRefused.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.SUPERSEDED))
                .hasMessageContaining("superseded by P-2");
        assertThatThrownBy(() -> superseded.reject("bob"))
                .isInstanceOfSatisfying(DecisionRefused.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.SUPERSEDED));
        assertThatThrownBy(() -> superseded.supersede("P-3"))
                .isInstanceOfSatisfying(DecisionRefused.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.SUPERSEDED));
    }

    @Test
    void shouldNotBeSupersededByItselfOrNothing() {
        assertThatThrownBy(() -> pending().supersede("P-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pending().supersede(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldApplyOnlyAnApprovedProposal() {
        assertThatThrownBy(() -> pending().markApplied()).isInstanceOf(DecisionRefused.class);
        assertThatThrownBy(() -> pending().reject("bob").markApplied()).isInstanceOf(DecisionRefused.class);
    }

    @Test
    void shouldGoStaleOnlyWhilePending() {
        assertThat(pending().markStale().status()).isEqualTo(Status.STALE);
        assertThatThrownBy(() -> pending().approve("bob").markStale()).isInstanceOf(DecisionRefused.class);
    }

    @Test
    void shouldLeaveTheOriginalUnchanged() {
        Proposal original = pending();
        original.approve("bob");

        assertThat(original).isEqualTo(pending());
    }
}
