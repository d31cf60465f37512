package io.territoryos.demo.domain;

/** The later events of the demo, each one a rebalance trigger of PRODUCT.md section 6. */
public enum StoryStep {
    /** A rep of the seed team leaves (status EXITED). */
    REP_EXIT("rep-exit"),
    /** A whale becomes CHURNED; then another account is deleted (delete + tombstone). */
    WHALE_CHURN("whale-churn"),
    /** A new scoring-weights version in which a weight moves by at least 0.05. */
    WEIGHTS_CHANGE("weights-change");

    private final String cliName;

    StoryStep(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    public static StoryStep parse(String text) {
        for (StoryStep step : values()) {
            if (step.cliName.equalsIgnoreCase(text.trim()) || step.name().equalsIgnoreCase(text.trim())) {
                return step;
            }
        }
        throw new IllegalArgumentException("step '" + text + "' is not one of: rep-exit, whale-churn, weights-change, all");
    }
}
