package io.territoryos.optimizer.domain;

/** Solves one rebalance scope into a proposal; the same interface serves proposals, what-ifs and offline runs. */
public interface Rebalancer {

    RebalanceResult solve(RebalanceProblem problem);
}
