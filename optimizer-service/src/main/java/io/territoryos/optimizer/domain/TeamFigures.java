package io.territoryos.optimizer.domain;

import io.territoryos.contracts.balance.Balance;
import io.territoryos.optimizer.domain.RebalanceResult.BalanceFigures;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Team balance of a book by {@link Balance}: over the ACTIVE/RAMPING reps, CV of coverage, Gini of potential and
 * of coverage, largest relative deviation from the quota-proportional target, and Σ|P_r − T_r|. The target shares
 * all the potential in scope, so accounts held by nobody active show as missing potential.
 */
public final class TeamFigures {

    /** Figures of the book where account id -> owner rep id is {@code owners} (accounts not in it: as they are). */
    public static BalanceFigures of(List<Rep> reps, List<Account> accounts, Map<String, String> owners) {
        Map<String, Double> potentials = new HashMap<>();
        double total = 0;
        for (Account account : accounts) {
            total += account.potential();
            String owner = owners.getOrDefault(account.id(), account.ownerRepId());
            if (owner != null) {
                potentials.merge(owner, account.potential(), Double::sum);
            }
        }
        return of(reps, total, potentials);
    }

    /** Figures of the current book. */
    public static BalanceFigures current(RebalanceProblem problem) {
        return of(problem.reps(), problem.accounts(), Map.of());
    }

    static BalanceFigures of(List<Rep> reps, double potentialTotal, Map<String, Double> potentialByRep) {
        List<Rep> active = reps.stream().filter(Rep::active).toList();
        double quotaTotal = active.stream().mapToDouble(Rep::quota).sum();
        Map<String, Double> targets = new HashMap<>();
        for (Rep rep : active) {
            targets.put(rep.id(), target(rep, potentialTotal, quotaTotal, active.size()));
        }
        return of(active, potentialTotal, potentialByRep, targets);
    }

    /** Figures of these reps' books against the given targets (a pool's, or each rep's pool target). */
    public static BalanceFigures of(List<Rep> reps, double potentialTotal, Map<String, Double> potentialByRep,
                             Map<String, Double> targetByRep) {
        List<Rep> active = reps.stream().filter(Rep::active).toList();
        double[] potentials = new double[active.size()];
        double[] targets = new double[active.size()];
        List<Double> coverages = new ArrayList<>();
        double deviation = 0;
        for (int i = 0; i < active.size(); i++) {
            Rep rep = active.get(i);
            potentials[i] = potentialByRep.getOrDefault(rep.id(), 0.0);
            targets[i] = targetByRep.getOrDefault(rep.id(), 0.0);
            deviation += Math.abs(potentials[i] - targets[i]);
            Double coverage = Balance.coverageRatio(potentials[i], rep.quota());
            if (coverage != null) {
                coverages.add(coverage);
            }
        }
        double[] coverageArray = coverages.stream().mapToDouble(Double::doubleValue).toArray();
        return new BalanceFigures(active.size(), potentialTotal, Balance.coefficientOfVariation(coverageArray),
                Balance.gini(potentials), Balance.gini(coverageArray), Balance.maxDeviation(potentials, targets),
                deviation);
    }

    /** Quota-proportional share of the potential in scope; equal shares when no rep has a quota. */
    static double target(Rep rep, double potentialTotal, double quotaTotal, int activeReps) {
        if (!rep.active()) {
            return 0;
        }
        return quotaTotal > 0 ? Balance.quotaProportionalTarget(potentialTotal, rep.quota(), quotaTotal)
                : potentialTotal / activeReps;
    }

    private TeamFigures() {
    }
}
