package io.territoryos.trigger.domain;

import java.util.Map;

/** A rule and its configuration, as the API shows it; kind is "command" (rebalance.commands) or "alert" (territory.alerts). */
public record RuleDescription(String name, String kind, boolean enabled, Map<String, Object> settings) {
}
