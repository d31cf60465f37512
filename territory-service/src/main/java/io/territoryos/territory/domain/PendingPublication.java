package io.territoryos.territory.domain;

/**
 * A territory or team changed since its figures were last published: the newest change's event time, and what
 * became of the rep in this task. Changes are coalesced into one of these and published once per window.
 *
 * @param eventTime epoch millis of the newest change included
 * @param recordTime newest timestamp of the input records included (the published record's timestamp)
 * @param fate      what the rep's last row change did here
 * @param formerHome team key the rep had here before it left or was deleted; null otherwise
 */
public record PendingPublication(long eventTime, long recordTime, Fate fate, String formerHome) {

    /** What the rep's row did in the task that holds this entry. */
    public enum Fate {
        /** Sums or row changed; the rep is (or may be) at home here. */
        CHANGED,
        /** The rep moved to another team: that team's task publishes it from now on. */
        LEFT,
        /** The rep row was deleted in the CRM. */
        DELETED
    }

    /** What to publish for a territory when its window closes. */
    public enum Outcome { HEALTH, TOMBSTONE, NOTHING }

    public static PendingPublication of(long eventTime, long recordTime, Fate fate) {
        return new PendingPublication(eventTime, recordTime, fate, null);
    }

    /** A further sums change: a rep that left or was deleted stays so until a rep row says otherwise. */
    public PendingPublication withChange(long changeTime, long changeRecordTime) {
        return new PendingPublication(Math.max(eventTime, changeTime), Math.max(recordTime, changeRecordTime), fate, formerHome);
    }

    /** A rep row change: it decides the fate, whatever came before in the window. */
    public PendingPublication withFate(long changeTime, long changeRecordTime, Fate newFate, String newFormerHome) {
        return new PendingPublication(Math.max(eventTime, changeTime), Math.max(recordTime, changeRecordTime), newFate, newFormerHome);
    }

    /**
     * A member (its row is here) is published with its figures. A rep that moved to another team is that
     * team's to publish, never a tombstone here, or it could overtake the new team's record. A deleted rep
     * vanishes (tombstone) once no account counts in it here; accounts it still owns are published by the task
     * of {@link Territories#NO_TEAM}, like the unassigned pool and owners without a rep row: with figures while
     * they hold accounts, a tombstone once they hold none.
     *
     * @param member    the rep row is held by this task
     * @param emptyBook no sums are held here for the territory
     * @param homeHere  the territory's home key maps to this task
     */
    public Outcome outcome(boolean member, boolean emptyBook, boolean homeHere) {
        if (member) {
            return Outcome.HEALTH;
        }
        return switch (fate) {
            case LEFT -> Outcome.NOTHING;
            case DELETED -> emptyBook ? Outcome.TOMBSTONE : homeHere ? Outcome.HEALTH : Outcome.NOTHING;
            case CHANGED -> !homeHere ? Outcome.NOTHING : emptyBook ? Outcome.TOMBSTONE : Outcome.HEALTH;
        };
    }
}
