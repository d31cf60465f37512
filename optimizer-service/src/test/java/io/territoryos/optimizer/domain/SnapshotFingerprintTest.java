package io.territoryos.optimizer.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.territoryos.optimizer.domain.TestBooks.account;
import static org.assertj.core.api.Assertions.assertThat;

class SnapshotFingerprintTest {

    @Test
    void shouldIgnoreOrderAndPotentialButNotOwners() {
        Account a = account("A1", 10, "R1");
        Account b = account("A2", 20, null);

        String fingerprint = SnapshotFingerprint.of(List.of(a, b));

        assertThat(SnapshotFingerprint.of(List.of(b, a))).isEqualTo(fingerprint);
        assertThat(SnapshotFingerprint.of(List.of(account("A1", 99, "R1"), b))).isEqualTo(fingerprint);
        assertThat(SnapshotFingerprint.of(List.of(a.withOwner("R2"), b))).isNotEqualTo(fingerprint);
        assertThat(SnapshotFingerprint.of(List.of(a, b.withOwner("R1")))).isNotEqualTo(fingerprint);
        assertThat(fingerprint).hasSize(32);
    }
}
