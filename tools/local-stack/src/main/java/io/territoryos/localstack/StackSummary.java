package io.territoryos.localstack;

import io.territoryos.contracts.Topics;
import io.territoryos.contracts.avro.Move;
import io.territoryos.contracts.avro.RebalanceProposal;
import io.territoryos.contracts.avro.RepImpact;
import io.territoryos.contracts.avro.TeamBalance;
import io.territoryos.contracts.avro.TerritoryHealth;
import io.territoryos.contracts.serde.AvroSerdes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads territory.health, team.balance and rebalance.proposals from the beginning (read_committed) and prints
 * what `territory up` promises: the demo team's health and its newest proposal (of one trigger type with
 * {@code --trigger REP_EXIT}). With {@code --wait-reps N} and {@code --wait-proposal} it waits (up to {@code --timeout} seconds) until the pipeline has produced them.
 * With {@code --teams-file F} (the teams of a loaded CRM export, one per line) it summarises each of those teams
 * instead, waits until each has reported some health, and with {@code --settle S} until nothing new arrived for S
 * seconds (a re-import updates health that is already there); a missing proposal is then no failure.
 */
public final class StackSummary {

    public static void main(String[] args) throws Exception {
        String bootstrap = MongoWireServer.option(args, "--bootstrap", "localhost:9092");
        String teamsFile = MongoWireServer.option(args, "--teams-file", null);
        List<String> teams = teamsFile == null ? List.of(MongoWireServer.option(args, "--team", "mm-east"))
                : java.nio.file.Files.readAllLines(java.nio.file.Path.of(teamsFile)).stream()
                .map(String::strip).filter(t -> !t.isEmpty()).toList();
        String team = teams.isEmpty() ? "" : teams.get(0);
        long settleMs = Long.parseLong(MongoWireServer.option(args, "--settle", "0")) * 1000;
        long lastRecordAt = System.currentTimeMillis();
        int waitReps = Integer.parseInt(MongoWireServer.option(args, "--wait-reps", "0"));
        boolean waitProposal = List.of(args).contains("--wait-proposal");
        String trigger = MongoWireServer.option(args, "--trigger", null);
        long timeoutMs = Long.parseLong(MongoWireServer.option(args, "--timeout", "180")) * 1000;

        Map<String, TerritoryHealth> health = new TreeMap<>();
        Map<String, TeamBalance> balance = new TreeMap<>();
        Map<String, RebalanceProposal> proposals = new LinkedHashMap<>();
        var healthSerde = AvroSerdes.valueSerde(TerritoryHealth.class, Map.of());
        var balanceSerde = AvroSerdes.valueSerde(TeamBalance.class, Map.of());
        var proposalSerde = AvroSerdes.valueSerde(RebalanceProposal.class, Map.of());

        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(Topics.TERRITORY_HEALTH.name(), Topics.TEAM_BALANCE.name(), Topics.REBALANCE_PROPOSALS.name())) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.currentTimeMillis() + timeoutMs;
            long lastProgress = 0;
            while (true) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    lastRecordAt = System.currentTimeMillis();
                    if (record.value() == null) {
                        continue;
                    }
                    String topic = record.topic();
                    if (topic.equals(Topics.TERRITORY_HEALTH.name())) {
                        health.put(record.key(), healthSerde.deserializer().deserialize(topic, record.value()));
                    } else if (topic.equals(Topics.TEAM_BALANCE.name())) {
                        balance.put(record.key(), balanceSerde.deserializer().deserialize(topic, record.value()));
                    } else {
                        RebalanceProposal proposal = proposalSerde.deserializer().deserialize(topic, record.value());
                        if (teams.contains(proposal.getCommand().getScope().getTeam())
                                && (trigger == null || trigger.equals(proposal.getCommand().getType().name()))) {
                            proposals.put(proposal.getProposalId(), proposal);
                        }
                    }
                }
                long teamReps = health.values().stream().filter(h -> team.equals(h.getTeam())).count();
                long silentTeams = teams.stream().filter(t -> health.values().stream().noneMatch(h -> t.equals(h.getTeam()))).count();
                boolean caughtUp = consumer.endOffsets(partitions).entrySet().stream()
                        .allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
                boolean ready = teamReps >= waitReps && silentTeams == 0 && (!waitProposal || !proposals.isEmpty())
                        && System.currentTimeMillis() - lastRecordAt >= settleMs;
                if (caughtUp && ready) {
                    break;
                }
                if (System.currentTimeMillis() > deadline) {
                    System.err.printf("timed out after %d s waiting for %s (team %s: %d of %d reps reported, %d proposals)%n",
                            timeoutMs / 1000, ready ? "the topics to be read" : "the pipeline", team, teamReps, waitReps,
                            proposals.size());
                    teams.forEach(t -> print(t, health, balance, proposals));
                    System.exit(2);
                }
                if (System.currentTimeMillis() - lastProgress > 10_000) {
                    lastProgress = System.currentTimeMillis();
                    System.out.printf("  ... waiting: team %s %d/%d reps reported, %d of %d team(s) without health yet, %d proposal(s)%n",
                            team, teamReps, waitReps, silentTeams, teams.size(), proposals.size());
                }
            }
        }
        teams.forEach(t -> print(t, health, balance, proposals));
    }

    static void print(String team, Map<String, TerritoryHealth> health, Map<String, TeamBalance> balance,
                      Map<String, RebalanceProposal> proposals) {
        System.out.println();
        System.out.printf("Territory health of team %s (topic %s)%n", team, Topics.TERRITORY_HEALTH.name());
        System.out.printf("  %-10s %-16s %-8s %8s %14s %12s %9s  %-13s %s%n",
                "rep", "name", "status", "accounts", "potential", "quota", "coverage", "band", "renewal");
        health.values().stream().filter(h -> team.equals(h.getTeam()))
                .sorted(Comparator.comparing(TerritoryHealth::getPotentialTotal).reversed())
                .forEach(h -> System.out.printf("  %-10s %-16s %-8s %8d %14s %12s %9s  %-13s %s%n",
                        h.getRepId(), abbreviate(h.getRepName(), 16), h.getRepStatus(), h.getAccountCount(),
                        money(h.getPotentialTotal()), money(h.getQuota()),
                        h.getCoverageRatio() == null ? "-" : String.format("%.2f", h.getCoverageRatio()),
                        h.getBand(), h.getRenewalStatus()));
        TeamBalance b = balance.get(team);
        if (b != null) {
            System.out.printf("  team balance: %d active reps, potential %s, CV of coverage %.3f, Gini of potential %.3f, %d under 3.0%n",
                    b.getRepCount(), money(b.getPotentialTotal()), b.getCvCoverage(), b.getGiniPotential(), b.getRepsUnderCovered());
        }
        List<RebalanceProposal> ofTeam = proposals.values().stream()
                .filter(proposal -> team.equals(proposal.getCommand().getScope().getTeam())).toList();
        if (ofTeam.isEmpty()) {
            System.out.println("\nNo rebalance proposal for team " + team + " (topic " + Topics.REBALANCE_PROPOSALS.name()
                    + "): no trigger fired, or the optimizer has not answered yet.");
            return;
        }
        RebalanceProposal p = ofTeam.get(ofTeam.size() - 1);
        System.out.printf("%nNewest rebalance proposal %s (topic %s)%n", p.getProposalId(), Topics.REBALANCE_PROPOSALS.name());
        System.out.printf("  trigger: %s - %s%n", p.getCommand().getType(), p.getCommand().getSummary());
        System.out.printf("  status: %s; solver %s in %d ms (objective %s, bound %s)%n", p.getStatus(),
                p.getSolver().getStatus(), p.getSolver().getSolveTimeMs(), p.getSolver().getObjective(), p.getSolver().getBestBound());
        System.out.printf("  moves: %d (%d free: orphans of an exit and unassigned accounts; %d of a budget of %d, %d of them"
                        + " TIER_1), potential moved %s%n", p.getMoves().size(), p.getBudget().getFreeMoves(),
                p.getBudget().getBudgetedMoves(), p.getBudget().getMaxMoves(), p.getBudget().getTier1Moves(),
                money(p.getBudget().getPotentialMoved()));
        p.getPools().forEach(pool -> System.out.printf("  pool %s: %d reps, CV of coverage %.3f -> %.3f, %s%n",
                pool.getPoolId(), pool.getRepIds().size(), pool.getBefore().getCvCoverage(),
                pool.getAfter().getCvCoverage(), pool.getWithinTolerance()
                        ? "every rep within " + Math.round(100 * pool.getTolerance()) + "% of target"
                        : "tolerance not reached"));
        p.getWarnings().forEach(warning -> System.out.println("  warning: " + warning));
        System.out.printf("  CV of coverage %.3f -> %.3f, Gini of potential %.3f -> %.3f, max deviation %.1f%% -> %.1f%%%n",
                p.getBefore().getCvCoverage(), p.getAfter().getCvCoverage(), p.getBefore().getGiniPotential(),
                p.getAfter().getGiniPotential(), 100 * p.getBefore().getMaxDeviation(), 100 * p.getAfter().getMaxDeviation());
        if (p.getBaseline() != null) {
            System.out.printf("  greedy baseline: %d moves, CV of coverage %.3f, max deviation %.1f%%%n",
                    p.getBaseline().getMoves(), p.getBaseline().getAfter().getCvCoverage(), 100 * p.getBaseline().getAfter().getMaxDeviation());
        }
        System.out.printf("  %-10s %14s %14s %9s %9s%n", "rep", "before", "after", "cov.after", "in/out");
        for (RepImpact r : p.getReps()) {
            System.out.printf("  %-10s %14s %14s %9s %4d/%-4d%n", r.getRepId(), money(r.getPotentialBefore()),
                    money(r.getPotentialAfter()), r.getCoverageAfter() == null ? "-" : String.format("%.2f", r.getCoverageAfter()),
                    r.getMovesIn(), r.getMovesOut());
        }
        int shown = 0;
        for (Move m : p.getMoves()) {
            if (shown++ == 5) {
                System.out.printf("  ... and %d more moves%n", p.getMoves().size() - 5);
                break;
            }
            System.out.printf("  move %-12s %s -> %s (%s, %s, %s)%n", m.getAccountId(), m.getFromRepId(), m.getToRepId(),
                    money(m.getPotential()), m.getTier(), m.getReason());
        }
    }

    static String money(double amount) {
        if (Math.abs(amount) >= 1_000_000) {
            return String.format("$%.2fM", amount / 1_000_000);
        }
        return String.format("$%.0fK", amount / 1_000);
    }

    private static String abbreviate(String text, int width) {
        if (text == null) {
            return "";
        }
        return text.length() <= width ? text : text.substring(0, width - 1) + "~";
    }

    private StackSummary() {
    }
}
