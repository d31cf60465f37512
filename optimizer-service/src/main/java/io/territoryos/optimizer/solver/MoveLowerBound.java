package io.territoryos.optimizer.solver;

import java.util.ArrayList;
import java.util.List;

/**
 * A lower bound on the budgeted moves any assignment needs for every rep to end within their cap: a rep whose own
 * book exceeds target + cap must hand over at least as many of their movable accounts as it takes, largest first,
 * to shed the excess, and each budgeted move leaves exactly one owner, so the counts add up. Receiving is not
 * counted (orphans may fill a rep for free). Cheap at any size; the benchmark's proof runs give the exact minimum.
 */
final class MoveLowerBound {

    static int of(IndexedProblem p, long[] cap) {
        long[] ownLoad = new long[p.repCount()];
        List<List<Long>> movable = new ArrayList<>();
        for (int r = 0; r < p.repCount(); r++) {
            movable.add(new ArrayList<>());
        }
        for (int a = 0; a < p.accountCount(); a++) {
            if (p.owner[a] != IndexedProblem.NO_REP) {
                ownLoad[p.owner[a]] += p.potential[a];
                if (p.isMovable(a) && p.candidates[a].length > 1) {
                    movable.get(p.owner[a]).add(p.potential[a]);
                }
            }
        }
        int bound = 0;
        for (int r = 0; r < p.repCount(); r++) {
            long excess = ownLoad[r] - p.target[r] - cap[r];
            if (excess <= 0) {
                continue;
            }
            List<Long> accounts = movable.get(r);
            accounts.sort((x, y) -> Long.compare(y, x));
            long shed = 0;
            for (long account : accounts) {
                if (shed >= excess) {
                    break;
                }
                shed += account;
                bound++;
            }
        }
        return bound;
    }

    private MoveLowerBound() {
    }
}
