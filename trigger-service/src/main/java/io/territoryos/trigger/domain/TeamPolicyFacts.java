package io.territoryos.trigger.domain;

/**
 * What the triggers use of one version of a team's policy (config.team-policies).
 *
 * @param regional    true: an account goes only to a rep of its own region, so a rep of the team covers a market of
 *                    its segment only in its own region; false: any rep of the segment in the team covers it
 * @param publishedAt epoch millis
 */
public record TeamPolicyFacts(String team, int version, boolean regional, long publishedAt) {

    /** True when {@code next} replaces {@code previous}: versions only move forward, an older or equal one is ignored. */
    public static boolean isNewer(TeamPolicyFacts previous, TeamPolicyFacts next) {
        return previous == null || next.version() > previous.version();
    }
}
