package io.territoryos.optimizer.solver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Independent parts of a scope: two reps are in one pool when some account may go to both (same segment, and
 * region when regional). No account can cross pools, so each pool balances on its own, and the imbalance of a
 * whole pool, |Σ potential − Σ target|, is a deviation no assignment can remove (a valid lower bound).
 */
final class CompatibilityPools {

    /** Rep indices per pool, pools with at least one rep, in order of their first rep. */
    static List<int[]> of(IndexedProblem p) {
        return p.pools != null ? p.pools : of(p.repCount(), p.candidates);
    }

    /** Rep indices per pool for these candidate reps per account. */
    static List<int[]> of(int repCount, int[][] candidates) {
        int[] parent = new int[repCount];
        Arrays.setAll(parent, i -> i);
        Map<int[], Boolean> seen = new IdentityHashMap<>();
        for (int[] c : candidates) {
            if (seen.put(c, Boolean.TRUE) != null) {
                continue;
            }
            for (int j = 1; j < c.length; j++) {
                union(parent, c[0], c[j]);
            }
        }
        Map<Integer, List<Integer>> byRoot = new LinkedHashMap<>();
        for (int r = 0; r < repCount; r++) {
            byRoot.computeIfAbsent(find(parent, r), k -> new ArrayList<>()).add(r);
        }
        List<int[]> pools = new ArrayList<>();
        byRoot.values().forEach(reps -> pools.add(reps.stream().mapToInt(Integer::intValue).toArray()));
        return pools;
    }

    /** Σ over pools of |pool potential − pool targets|: no assignment has a smaller total deviation. */
    static long deviationLowerBound(IndexedProblem p, List<int[]> pools) {
        int[] poolOf = new int[p.repCount()];
        for (int i = 0; i < pools.size(); i++) {
            for (int r : pools.get(i)) {
                poolOf[r] = i;
            }
        }
        long[] balance = new long[pools.size()];
        for (int r = 0; r < p.repCount(); r++) {
            balance[poolOf[r]] -= p.target[r];
        }
        for (int a = 0; a < p.accountCount(); a++) {
            if (p.candidates[a].length > 0) {
                balance[poolOf[p.candidates[a][0]]] += p.potential[a];
            }
        }
        return Arrays.stream(balance).map(Math::abs).sum();
    }

    private static int find(int[] parent, int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    private static void union(int[] parent, int x, int y) {
        int a = find(parent, x);
        int b = find(parent, y);
        if (a != b) {
            parent[Math.max(a, b)] = Math.min(a, b);
        }
    }

    private CompatibilityPools() {
    }
}
