package io.territoryos.e2e.drill;

import io.territoryos.contracts.avro.ScoredAccount;
import io.territoryos.contracts.crm.CrmAccount;
import io.territoryos.scoring.domain.AccountInputs;
import io.territoryos.scoring.domain.PotentialFormula;
import io.territoryos.scoring.domain.Score;
import io.territoryos.scoring.domain.Weights;
import io.territoryos.scoring.mapping.ScoringMapping;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What must hold on the topics once the stack is quiet, whatever failed on the way (issue 12): the territories add up
 * to the accounts, every score is the formula on its account's last row, and nothing was said twice. Pure functions of
 * what was read from the topics; no infrastructure.
 */
public final class Invariants {

    /** Half a cent: two amounts equal "to the cent" differ by less. */
    static final double CENT_TOLERANCE = 0.005;
    private static final int EXAMPLES = 5;

    /**
     * Σ territory potential over the latest health per rep (the unassigned pool included) against Σ account potential,
     * in whole cents: territory-service rounds each account's potential to the cent once, on the way in, and keeps its
     * sums in cents (territory-service's {@code Money}), so the two sums are equal to the cent exactly when
     * Σ territory cents = Σ of every account's potential rounded to the cent. (The sum of the unrounded potentials
     * differs from that by the rounding of 2,000 accounts, about ±$0.13.)
     */
    public record PotentialBalance(long territoryCents, long accountCents, double accountPotentialUnrounded,
                                   int territories, int accounts) {
        public double territoryPotential() {
            return territoryCents / 100.0;
        }

        public double accountPotential() {
            return accountCents / 100.0;
        }

        public double difference() {
            return (territoryCents - accountCents) / 100.0;
        }

        public boolean holds() {
            return territoryCents == accountCents;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "territories $%.2f (%d) vs accounts $%.2f (%d, each to the cent; unrounded "
                            + "$%.4f), difference $%.2f", territoryPotential(), territories, accountPotential(), accounts,
                    accountPotentialUnrounded, difference());
        }
    }

    /** @param territoryPotential latest potential_total per rep; @param accountPotential latest potential per account */
    public static PotentialBalance potentialBalance(Collection<Double> territoryPotential, Collection<Double> accountPotential) {
        long territory = 0;
        for (double p : territoryPotential) {
            territory += Math.round(p * 100.0);
        }
        long accounts = 0;
        double unrounded = 0;
        for (double p : accountPotential) {
            accounts += Math.round(p * 100.0);
            unrounded += p;
        }
        return new PotentialBalance(territory, accounts, unrounded, territoryPotential.size(), accountPotential.size());
    }

    /**
     * Every account's latest score against {@link PotentialFormula} on its last row and the weights in force.
     * {@code missing}: an account with a row and no score; {@code orphans}: a score for an account with no row (deleted,
     * or never valid); {@code mismatched}: a score whose inputs, weights version or figures differ.
     */
    public record FormulaCheck(int checked, int mismatched, int missing, int orphans, List<String> examples) {
        public boolean holds() {
            return mismatched == 0 && missing == 0 && orphans == 0;
        }

        @Override
        public String toString() {
            return checked + " accounts checked, " + mismatched + " mismatched, " + missing + " without a score, "
                    + orphans + " scores without a row" + (examples.isEmpty() ? "" : "; e.g. " + examples);
        }
    }

    /**
     * @param lastRows  the last row of every account on the CDC topic (deleted accounts absent)
     * @param skipped   accounts whose last record the harness could not read as a row (left out of the check: the
     *                  service keeps the score of the row before, which the harness no longer holds)
     */
    public static FormulaCheck formula(Map<String, CrmAccount> lastRows, Set<String> skipped,
                                       Map<String, ScoredAccount> latestScores, Weights inForce) {
        int checked = 0;
        int mismatched = 0;
        int missing = 0;
        int orphans = 0;
        List<String> examples = new ArrayList<>();
        for (Map.Entry<String, CrmAccount> row : lastRows.entrySet()) {
            if (skipped.contains(row.getKey())) {
                continue;
            }
            checked++;
            ScoredAccount scored = latestScores.get(row.getKey());
            if (scored == null) {
                missing++;
                example(examples, row.getKey() + ": no score");
                continue;
            }
            String difference = difference(ScoringMapping.inputs(row.getValue()), scored, inForce);
            if (difference != null) {
                mismatched++;
                example(examples, row.getKey() + ": " + difference);
            }
        }
        for (String id : latestScores.keySet()) {
            if (!lastRows.containsKey(id) && !skipped.contains(id)) {
                orphans++;
                example(examples, id + ": scored but no row");
            }
        }
        return new FormulaCheck(checked, mismatched, missing, orphans, List.copyOf(examples));
    }

    /** What differs between a score and the formula on the inputs; null when nothing does. */
    static String difference(AccountInputs in, ScoredAccount s, Weights w) {
        if (s.getWeightsVersion() != w.version()) {
            return "weights version " + s.getWeightsVersion() + ", " + w.version() + " in force";
        }
        if (!Objects.equals(s.getOwnerRepId(), in.ownerRepId())) {
            return "owner " + s.getOwnerRepId() + ", last row says " + in.ownerRepId();
        }
        if (!s.getStatus().name().equals(in.status().name()) || !s.getSegment().name().equals(in.segment().name())) {
            return "status/segment " + s.getStatus() + "/" + s.getSegment() + ", last row " + in.status() + "/" + in.segment();
        }
        String inputs = firstDifferent(new String[]{"current_arr", "whitespace_arr", "buying_capacity", "renewal_risk",
                        "icp_fit", "propensity"},
                new double[]{s.getCurrentArr(), s.getWhitespaceArr(), s.getBuyingCapacity(), s.getRenewalRisk(),
                        s.getIcpFit(), s.getPropensity()},
                new double[]{in.currentArr(), in.whitespaceArr(), in.buyingCapacity(), in.renewalRisk(), in.icpFit(),
                        in.propensity()});
        if (inputs != null) {
            return "scored on " + inputs + " (not the last row)";
        }
        Score expected = PotentialFormula.score(in, w);
        String figures = firstDifferent(new String[]{"potential", "score", "retained_arr", "realizable_whitespace"},
                new double[]{s.getPotential(), s.getScore(), s.getRetainedArr(), s.getRealizableWhitespace()},
                new double[]{expected.potential(), expected.score(), expected.retainedArr(), expected.realizableWhitespace()});
        if (figures != null) {
            return "formula gives " + figures;
        }
        if (!s.getTier().name().equals(expected.tier().name()) || s.getCriticalRisk() != expected.criticalRisk()) {
            return "tier/critical " + s.getTier() + "/" + s.getCriticalRisk() + ", formula " + expected.tier() + "/"
                    + expected.criticalRisk();
        }
        return null;
    }

    private static String firstDifferent(String[] names, double[] actual, double[] expected) {
        for (int i = 0; i < names.length; i++) {
            if (!close(actual[i], expected[i])) {
                return String.format(Locale.ROOT, "%s %s vs %s", names[i], actual[i], expected[i]);
            }
        }
        return null;
    }

    static boolean close(double a, double b) {
        return a == b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
    }

    /** The weights version in force after these versions, in topic order: each replaces the one before only when valid and newer. */
    public static Weights weightsInForce(List<Weights> versions) {
        Weights inForce = Weights.defaults();
        for (Weights w : versions) {
            if (w.isReplayOf(inForce)) {
                continue;
            }
            if (w.violationsAsSuccessorOf(inForce).isEmpty()) {
                inForce = w;
            }
        }
        return inForce;
    }

    /** One record of rebalance.proposals. */
    public record ProposalRecord(String proposalId, String status, String commandId) {
    }

    /**
     * Commands and proposals said more than once: a command id on rebalance.commands twice, a proposal published twice
     * with the same status, or one command answered by two proposal ids.
     */
    public record Duplicates(int commands, int duplicatedCommands, int proposalRecords, int duplicatedProposals,
                             int commandsWithSeveralProposals, List<String> examples) {
        public boolean none() {
            return duplicatedCommands == 0 && duplicatedProposals == 0 && commandsWithSeveralProposals == 0;
        }

        @Override
        public String toString() {
            return commands + " commands (" + duplicatedCommands + " ids duplicated), " + proposalRecords
                    + " proposal records (" + duplicatedProposals + " duplicated id+status, " + commandsWithSeveralProposals
                    + " commands with several proposal ids)" + (examples.isEmpty() ? "" : "; e.g. " + examples);
        }
    }

    public static Duplicates duplicates(List<String> commandIds, List<ProposalRecord> proposals) {
        List<String> examples = new ArrayList<>();
        Map<String, Integer> commandCounts = new HashMap<>();
        commandIds.forEach(id -> commandCounts.merge(id, 1, Integer::sum));
        int duplicatedCommands = 0;
        for (Map.Entry<String, Integer> e : new java.util.TreeMap<>(commandCounts).entrySet()) {
            if (e.getValue() > 1) {
                duplicatedCommands++;
                example(examples, "command " + e.getKey() + " x" + e.getValue());
            }
        }
        Map<String, Integer> proposalCounts = new java.util.TreeMap<>();
        Map<String, Set<String>> byCommand = new java.util.TreeMap<>();
        for (ProposalRecord p : proposals) {
            proposalCounts.merge(p.proposalId() + " " + p.status(), 1, Integer::sum);
            byCommand.computeIfAbsent(p.commandId(), c -> new TreeSet<>()).add(p.proposalId());
        }
        int duplicatedProposals = 0;
        for (Map.Entry<String, Integer> e : proposalCounts.entrySet()) {
            if (e.getValue() > 1) {
                duplicatedProposals++;
                example(examples, "proposal " + e.getKey() + " x" + e.getValue());
            }
        }
        int several = 0;
        for (Map.Entry<String, Set<String>> e : byCommand.entrySet()) {
            if (e.getValue().size() > 1) {
                several++;
                example(examples, "command " + e.getKey() + " answered by " + e.getValue());
            }
        }
        return new Duplicates(commandCounts.size(), duplicatedCommands, proposals.size(), duplicatedProposals, several,
                List.copyOf(examples));
    }

    /** Distinct ids, for counting what is new between two reads. */
    static Set<String> distinct(Collection<String> ids) {
        return new HashSet<>(ids);
    }

    private static void example(List<String> examples, String text) {
        if (examples.size() < EXAMPLES) {
            examples.add(text);
        }
    }

    private Invariants() {
    }
}
