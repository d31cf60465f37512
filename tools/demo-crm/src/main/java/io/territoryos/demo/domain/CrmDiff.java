package io.territoryos.demo.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What a CRM export changes against the rows the CDC topic already holds: rows that are new (insert), rows whose
 * values differ (update) and ids that are on the topic but no longer in the export (delete). Unchanged rows produce
 * nothing, so loading the same export twice sends nothing and a corrected export sends only its corrections.
 *
 * @param <T> a validated CRM row (a record: equal values are equal rows)
 */
public record CrmDiff<T>(List<T> inserts, List<T> updates, List<String> deletes, int unchanged) {

    /**
     * @param kept ids the export holds on rejected rows: neither updated nor deleted, the topic keeps their last row
     */
    public static <T> CrmDiff<T> of(Map<String, T> current, List<T> export, Set<String> kept, Function<T, String> idOf) {
        List<T> inserts = new ArrayList<>();
        List<T> updates = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int unchanged = 0;
        for (T row : export) {
            String id = idOf.apply(row);
            seen.add(id);
            T before = current.get(id);
            if (before == null) {
                inserts.add(row);
            } else if (!Objects.equals(before, row)) {
                updates.add(row);
            } else {
                unchanged++;
            }
        }
        Set<String> deletes = new TreeSet<>(current.keySet());
        deletes.removeAll(seen);
        deletes.removeAll(kept);
        return new CrmDiff<>(List.copyOf(inserts), List.copyOf(updates), List.copyOf(deletes), unchanged);
    }

    public boolean isEmpty() {
        return inserts.isEmpty() && updates.isEmpty() && deletes.isEmpty();
    }

    @Override
    public String toString() {
        return String.format("%,d new, %,d changed, %,d deleted, %,d unchanged", inserts.size(), updates.size(),
                deletes.size(), unchanged);
    }
}
