package io.territoryos.optimizer.domain;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Small hand-made books for tests: one segment unless said, equal quotas unless said, no region constraint. */
public final class TestBooks {

    /** One worker, deterministic limits, a generous wall-clock limit that a loaded machine will not reach. */
    public static RebalanceOptions options() {
        return RebalanceOptions.defaults().withTimeLimit(Duration.ofSeconds(20)).reproducible(2.0);
    }

    public static Rep rep(String id, double quota, int capacity) {
        return new Rep(id, "Rep " + id, "T1", "SMB", "NA", RepStatus.ACTIVE, quota, capacity);
    }

    public static Rep rep(String id) {
        return rep(id, 1_000_000, 100);
    }

    public static Account account(String id, double potential, String owner) {
        return new Account(id, "Account " + id, "SMB", "NA", potential, potential / 4, Tier.DEPRIORITIZE, owner,
                false);
    }

    public static Account locked(String id, double potential, String owner) {
        return account(id, potential, owner).withLocked(true);
    }

    public static RebalanceProblem problem(List<Account> accounts, List<Rep> reps) {
        return new RebalanceProblem(accounts, reps, options());
    }

    public static Map<String, Double> potentialAfter(RebalanceProblem problem, RebalanceResult result) {
        return problem.accounts().stream().collect(Collectors.groupingBy(
                a -> result.ownerAfter().get(a.id()), Collectors.summingDouble(Account::potential)));
    }

    public static long accountsAfter(RebalanceResult result, String repId) {
        return result.ownerAfter().values().stream().filter(repId::equals).count();
    }

    private TestBooks() {
    }
}
