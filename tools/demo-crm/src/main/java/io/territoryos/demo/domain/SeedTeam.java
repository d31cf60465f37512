package io.territoryos.demo.domain;

import io.territoryos.contracts.avro.Segment;

import java.util.List;
import java.util.Map;

/**
 * The team of seed article 001: twelve reps on the same quota, one book of 60 accounts and $4M of potential,
 * another of 25 accounts and $800K, the rest in between.
 *
 * @param books per rep id, in rep order: the book's account count and its potential
 *              (by construction Σ current_arr + whitespace_arr, see {@link CrmGenerator})
 */
public record SeedTeam(String team, Segment segment, String region, double quota, List<String> repIds,
                       String overloadedRepId, String starvedRepId, Map<String, Book> books) {

    /** One rep's book at snapshot time. */
    public record Book(int accounts, double potential) {
    }

    public int accountCount() {
        return books.values().stream().mapToInt(Book::accounts).sum();
    }

    public double potentialTotal() {
        return books.values().stream().mapToDouble(Book::potential).sum();
    }
}
