package io.territoryos.optimizer.domain;

import java.util.Objects;

/**
 * How one team is rebalanced, as configured (config.team-policies) or read from an offline file: whether accounts
 * stay in their region, how close to target is balanced enough, how much of the book may move, and what happens
 * to the book of a rep on leave. A team without a policy gets {@link #defaults}.
 *
 * @param regional         an account goes only to a rep of its segment <em>and region</em> (else: of its segment)
 * @param balanceTolerance every rep within this fraction of their pool target counts as balanced (0.01 = 1%)
 * @param maxMoveFraction  disruption budget: share of the movable accounts that may leave an active owner
 * @param onLeave          KEEP_BOOK: an ON_LEAVE rep keeps the book, nothing moves in or out, and they are out of
 *                         the targets; REDISTRIBUTE: their accounts go to active reps
 * @param keepLocksOnLeave with REDISTRIBUTE, locked accounts stay with the rep on leave
 */
public record TeamPolicy(String team, boolean regional, double balanceTolerance, double maxMoveFraction,
                         OnLeave onLeave, boolean keepLocksOnLeave) {

    public static final double DEFAULT_TOLERANCE = 0.01;
    public static final double DEFAULT_MAX_MOVE_FRACTION = 0.15;

    /** What a rebalance does with the book of an ON_LEAVE rep. */
    public enum OnLeave { KEEP_BOOK, REDISTRIBUTE }

    public TeamPolicy {
        Objects.requireNonNull(onLeave, "on_leave policy");
        if (!(balanceTolerance >= 0 && balanceTolerance < 1)) {
            throw new IllegalArgumentException("balance_tolerance of team " + team + " must be within 0..1: "
                    + balanceTolerance);
        }
        if (!(maxMoveFraction >= 0 && maxMoveFraction <= 1)) {
            throw new IllegalArgumentException("max_move_fraction of team " + team + " must be within 0..1: "
                    + maxMoveFraction);
        }
    }

    public static TeamPolicy defaults(String team) {
        return new TeamPolicy(team, false, DEFAULT_TOLERANCE, DEFAULT_MAX_MOVE_FRACTION, OnLeave.KEEP_BOOK, true);
    }

    public TeamPolicy withRegional(boolean isRegional) {
        return new TeamPolicy(team, isRegional, balanceTolerance, maxMoveFraction, onLeave, keepLocksOnLeave);
    }

    public TeamPolicy withOnLeave(OnLeave policy, boolean keepLocks) {
        return new TeamPolicy(team, regional, balanceTolerance, maxMoveFraction, policy, keepLocks);
    }

    public TeamPolicy withBalanceTolerance(double tolerance) {
        return new TeamPolicy(team, regional, tolerance, maxMoveFraction, onLeave, keepLocksOnLeave);
    }

    /** Whether the rep's book is held out of the rebalance (kept as it is) under this policy. */
    public boolean keepsBookOf(Rep rep) {
        return rep.status() == RepStatus.ON_LEAVE && onLeave == OnLeave.KEEP_BOOK;
    }

    /** Whether this account of a rep on leave stays with them under this policy. */
    public boolean keepsOnLeave(Rep rep, Account account) {
        return rep.status() == RepStatus.ON_LEAVE
                && (onLeave == OnLeave.KEEP_BOOK || (keepLocksOnLeave && account.locked()));
    }
}
