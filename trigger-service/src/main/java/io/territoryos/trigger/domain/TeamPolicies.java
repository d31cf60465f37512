package io.territoryos.trigger.domain;

import java.util.Map;

/**
 * The team policies in force, by team. A team without a policy (and a rep without a team) gets the contract's
 * default: not regional.
 */
public record TeamPolicies(Map<String, TeamPolicyFacts> byTeam) {

    public static final TeamPolicies NONE = new TeamPolicies(Map.of());

    public TeamPolicies {
        byTeam = Map.copyOf(byTeam);
    }

    public static TeamPolicies of(TeamPolicyFacts... policies) {
        Map<String, TeamPolicyFacts> byTeam = new java.util.HashMap<>();
        for (TeamPolicyFacts policy : policies) {
            byTeam.put(policy.team(), policy);
        }
        return new TeamPolicies(byTeam);
    }

    public boolean regional(String team) {
        TeamPolicyFacts policy = team == null ? null : byTeam.get(team);
        return policy != null && policy.regional();
    }

    /** The policy version in force for the team, null when it has none. */
    public Integer version(String team) {
        TeamPolicyFacts policy = team == null ? null : byTeam.get(team);
        return policy == null ? null : policy.version();
    }
}
