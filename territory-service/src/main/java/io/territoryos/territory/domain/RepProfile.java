package io.territoryos.territory.domain;

import io.territoryos.contracts.avro.Motion;
import io.territoryos.contracts.avro.RepStatus;
import io.territoryos.contracts.avro.Segment;

/** The rep row the territory health needs (from crm.reps). */
public record RepProfile(
        String repId, String name, RepStatus status, Motion motion, Segment segment, String region, String team,
        double quota, int capacityAccounts) {

    /** ACTIVE and RAMPING reps carry a book and count in their team's balance. */
    public boolean carriesBook() {
        return status == RepStatus.ACTIVE || status == RepStatus.RAMPING;
    }
}
