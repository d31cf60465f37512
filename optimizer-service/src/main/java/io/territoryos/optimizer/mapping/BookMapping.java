package io.territoryos.optimizer.mapping;

import io.territoryos.contracts.avro.ScoredAccount;
import io.territoryos.contracts.crm.CrmRep;
import io.territoryos.optimizer.domain.Account;
import io.territoryos.optimizer.domain.Rep;
import io.territoryos.optimizer.domain.RepStatus;
import io.territoryos.optimizer.domain.TeamPolicy;
import io.territoryos.optimizer.domain.Tier;

import java.util.function.UnaryOperator;

/** Maps the records on the topics (scored accounts, CRM reps, team policies) to the optimizer's domain, in one place. */
public final class BookMapping {

    public static Account account(ScoredAccount scored) {
        return account(scored, scored.getAccountId(), UnaryOperator.identity());
    }

    /**
     * For a view that holds many accounts: no string twice that it can avoid.
     *
     * @param id     the account id as the view already holds it (its key), used when equal to the record's
     * @param shared the one instance of an equal string seen before, for the fields many accounts share (region,
     *               owner): a view of a million accounts otherwise holds a million copies of each
     */
    public static Account account(ScoredAccount scored, String id, UnaryOperator<String> shared) {
        String accountId = id != null && id.equals(scored.getAccountId()) ? id : scored.getAccountId();
        return new Account(accountId, scored.getName(), scored.getSegment().name(), shared.apply(scored.getRegion()),
                scored.getPotential(), scored.getCurrentArr(), Tier.valueOf(scored.getTier().name()),
                shared.apply(scored.getOwnerRepId()), scored.getLocked());
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
