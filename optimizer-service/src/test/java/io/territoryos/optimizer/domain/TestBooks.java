package io.territoryos.optimizer.domain;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Small hand-made books for tests: one segment unless said, equal quotas unless said, no region constraint. */
final class TestBooks {

    /** One worker, deterministic limits, a generous wall-clock limit that a loaded machine will not reach. */
    static RebalanceOptions options() {
        return RebalanceOptions.defaults().withTimeLimit(Duration.ofSeconds(20)).reproducible(2.0);
    }

    static Rep rep(String id, double quota, int capacity) {
        return new Rep(id, "Rep " + id, "T1", "SMB", "NA", RepStatus.ACTIVE, quota, capacity);
    }

    static Rep rep(String id) {
        return rep(id, 1_000_000, 100);
    }

    static Account account(String id, double potential, String owner) {
        return new Account(id, "Account " + id, "SMB", "NA", potential, potential / 4, Tier.DEPRIORITIZE, owner,
                false);
    }

    static Account locked(String id, double potential, String owner) {
        return account(id, potential, owner).withLocked(true);
    }

    static RebalanceProblem problem(List<Account> accounts, List<Rep> reps) {
        return new RebalanceProblem(accounts, reps, options());
    }

    static Map<String, Double> potentialAfter(RebalanceProblem problem, RebalanceResult result) {
        return problem.accounts().stream().collect(Collectors.groupingBy(
                a -> result.ownerAfter().get(a.id()), Collectors.summingDouble(Account::potential)));
    }

    static long accountsAfter(RebalanceResult result, String repId) {
        return result.ownerAfter().values().stream().filter(repId::equals).count();
    }

    private TestBooks() {
    }
}
