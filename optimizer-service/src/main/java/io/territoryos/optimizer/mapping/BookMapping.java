package io.territoryos.optimizer.mapping;

import io.territoryos.contracts.avro.ScoredAccount;
import io.territoryos.contracts.crm.CrmRep;
import io.territoryos.optimizer.domain.Account;
import io.territoryos.optimizer.domain.Rep;
import io.territoryos.optimizer.domain.RepStatus;
import io.territoryos.optimizer.domain.Tier;

/** Maps the records on the topics (scored accounts, CRM reps) to the optimizer's domain, in one place. */
public final class BookMapping {

    public static Account account(ScoredAccount scored) {
        return new Account(scored.getAccountId(), scored.getName(), scored.getSegment().name(), scored.getRegion(),
                scored.getPotential(), scored.getCurrentArr(), Tier.valueOf(scored.getTier().name()),
                scored.getOwnerRepId(), scored.getLocked());
    }

    public static Rep rep(CrmRep rep) {
        return new Rep(rep.repId(), rep.name(), rep.team(), rep.segment().name(), rep.region(),
                RepStatus.valueOf(rep.status().name()), rep.quota(), rep.capacityAccounts());
    }

    private BookMapping() {
    }
}
