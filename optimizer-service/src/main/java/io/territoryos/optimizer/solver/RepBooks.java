package io.territoryos.optimizer.solver;

import java.util.Arrays;

/**
 * Each rep's book as the search algorithms mutate it: the accounts held (with O(1) add and remove), the potential
 * they add up to and their count, kept in step. Shared by the greedy and the exchange search.
 */
final class RepBooks {

    final long[] load;
    final int[] count;
    final int[][] book;
    final int[] bookSize;
    final int[] position;
    private final long[] potential;

    /** Books of {@code assignment}; accounts assigned {@link IndexedProblem#NO_REP} are in no book. */
    RepBooks(IndexedProblem p, int[] assignment) {
        int m = p.repCount();
        potential = p.potential;
        load = new long[m];
        count = new int[m];
        book = new int[m][];
        bookSize = new int[m];
        position = new int[p.accountCount()];
        int[] sizes = new int[m];
        for (int r : assignment) {
            if (r != IndexedProblem.NO_REP) {
                sizes[r]++;
            }
        }
        for (int r = 0; r < m; r++) {
            book[r] = new int[Math.max(4, sizes[r] + 8)];
        }
        for (int a = 0; a < assignment.length; a++) {
            if (assignment[a] != IndexedProblem.NO_REP) {
                add(a, assignment[a]);
            }
        }
    }

    void add(int a, int r) {
        if (bookSize[r] == book[r].length) {
            book[r] = Arrays.copyOf(book[r], book[r].length * 2);
        }
        position[a] = bookSize[r];
        book[r][bookSize[r]++] = a;
        load[r] += potential[a];
        count[r]++;
    }

    void remove(int a, int r) {
        int last = book[r][--bookSize[r]];
        book[r][position[a]] = last;
        position[last] = position[a];
        load[r] -= potential[a];
        count[r]--;
    }
}
