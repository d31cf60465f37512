package io.territoryos.optimizer.domain;

import java.util.Objects;

/**
 * A rep as the optimizer needs it: what they may receive (segment, region), whether they can hold accounts
 * (status), the quota that sets their share of the potential, and the largest book they can work.
 */
public record Rep(String id, String name, String team, String segment, String region, RepStatus status,
                  double quota, int capacityAccounts) {

    public static final int UNLIMITED_CAPACITY = Integer.MAX_VALUE;

    public Rep {
        Objects.requireNonNull(id, "rep id");
        Objects.requireNonNull(segment, "segment of rep " + id);
        Objects.requireNonNull(status, "status of rep " + id);
        if (quota < 0 || Double.isNaN(quota) || Double.isInfinite(quota)) {
            throw new IllegalArgumentException("quota of rep " + id + " must be finite and >= 0: " + quota);
        }
        if (capacityAccounts < 0) {
            throw new IllegalArgumentException("capacity_accounts of rep " + id + " must be >= 0: " + capacityAccounts);
        }
    }

    public boolean active() {
        return status.receivesAccounts();
    }

    public Rep withStatus(RepStatus newStatus) {
        return new Rep(id, name, team, segment, region, newStatus, quota, capacityAccounts);
    }

    public Rep withQuota(double newQuota) {
        return new Rep(id, name, team, segment, region, status, newQuota, capacityAccounts);
    }
}
