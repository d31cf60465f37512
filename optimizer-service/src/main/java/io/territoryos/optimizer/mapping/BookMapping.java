package io.territoryos.optimizer.mapping;

import io.territoryos.contracts.avro.ScoredAccount;
import io.territoryos.contracts.crm.CrmRep;
import io.territoryos.optimizer.domain.Account;
import io.territoryos.optimizer.domain.Rep;
import io.territoryos.optimizer.domain.RepStatus;
import io.territoryos.optimizer.domain.TeamPolicy;
import io.territoryos.optimizer.domain.Tier;

/** Maps the records on the topics (scored accounts, CRM reps, team policies) to the optimizer's domain, in one place. */
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

    /** @throws IllegalArgumentException for a policy the domain rejects (a tolerance or budget outside 0..1) */
    public static TeamPolicy teamPolicy(io.territoryos.contracts.avro.TeamPolicy policy) {
        return new TeamPolicy(policy.getTeam(), policy.getRegional(), policy.getBalanceTolerance(),
                policy.getMaxMoveFraction(), TeamPolicy.OnLeave.valueOf(policy.getOnLeave().name()),
                policy.getKeepLocksOnLeave());
    }

    private BookMapping() {
    }
}
