package io.territoryos.demo.domain;

/**
 * Who and what the story's later events touch, so a test can wait for the consequence.
 *
 * @param exitingRepId     the seed-team rep who leaves (a mid-sized book: its orphans rebalance the whole team)
 * @param whaleAccountId   the account that becomes CHURNED; its potential is at least 10% of its owner's book
 * @param whaleOwnerRepId  the whale's owner at snapshot time
 * @param whaleTeam        the whale owner's team (not the seed team, so the two triggers do not share a scope)
 * @param deletedAccountId the account deleted afterwards (delete event, then a tombstone)
 * @param weightsBefore    scoring weights published by the load (version 1, the defaults)
 * @param weightsAfter     scoring weights published by the story (version 2)
 */
public record Story(String exitingRepId, String whaleAccountId, String whaleOwnerRepId, String whaleTeam,
                    String deletedAccountId, WeightsVersion weightsBefore, WeightsVersion weightsAfter) {
}
