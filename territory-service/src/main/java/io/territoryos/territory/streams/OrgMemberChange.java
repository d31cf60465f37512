package io.territoryos.territory.streams;

import io.territoryos.territory.domain.BalanceMember;

/**
 * A territory's summary for the organisation's balance, sent by the task that published its health.
 *
 * @param repId     the rep
 * @param home      key of the sending task's team (a removal only applies if the stored summary came from there)
 * @param member    the summary; null when the territory vanished
 * @param eventTime epoch millis of the newest change included
 */
record OrgMemberChange(String repId, String home, BalanceMember member, long eventTime) {
}
