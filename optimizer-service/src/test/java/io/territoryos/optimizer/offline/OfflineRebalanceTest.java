package io.territoryos.optimizer.offline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** The command end to end on small books: per-team policies, the output, the exit codes of a solve. */
class OfflineRebalanceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void shouldKeepTheRegionalTeamsAccountsInTheirRegionWhileTheOtherTeamTakesAnyRegion() throws IOException {
        // smb is regional: S-W1 (West) is far below target but may not take the East accounts of S-E1.
        // mm is not: M-W1 (West) takes East accounts from the overloaded M-E1.
        Path book = example("two-teams.json");

        OfflineRun run = OfflineRun.of(book.toString(), "--out", out().toString(), "--workers", "1",
                "--time-limit-s", "20");

        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode proposal = proposal();
        Map<String, JsonNode> reps = byId(proposal.path("reps"), "rep_id");
        Map<String, JsonNode> accounts = byId(readTree(book).path("accounts"), "account_id");
        Map<String, JsonNode> bookReps = byId(readTree(book).path("reps"), "rep_id");
        List<JsonNode> moves = list(proposal.path("moves"));
        assertThat(moves).isNotEmpty();
        for (JsonNode move : moves) {
            JsonNode to = bookReps.get(move.path("to").asText());
            String accountRegion = accounts.get(move.path("account_id").asText()).path("region").asText();
            if (to.path("team").asText().equals("smb")) {
                assertThat(to.path("region").asText()).as("SMB move of %s", move).isEqualTo(accountRegion);
            }
        }
        assertThat(moves).as("the non-regional team's West rep receives East accounts")
                .anySatisfy(move -> {
                    assertThat(move.path("to").asText()).isEqualTo("M-W1");
                    assertThat(accounts.get(move.path("account_id").asText()).path("region").asText()).isEqualTo("East");
                });
        assertThat(moves).as("the SMB East book was rebalanced within East")
                .anySatisfy(move -> assertThat(move.path("to").asText()).isEqualTo("S-E2"));
        assertThat(reps.get("S-W1").path("after").path("accounts").asInt()).isEqualTo(1);
        assertThat(poolIds(proposal)).contains("SMB/East", "SMB/West");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "\"teams\": [{\"team\": \"T1\", \"regional\": false}],"})
    void shouldLetAnOnLeaveRepKeepTheirBookByDefault(String teams) throws IOException {
        // without a team entry, and with an entry that does not say on_leave
        Path book = Files.writeString(dir.resolve("book.json"), onLeaveBook(teams));

        OfflineRun run = OfflineRun.of(book.toString(), "--out", out().toString(), "--workers", "1");

        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode proposal = proposal();
        assertThat(list(proposal.path("moves"))).noneSatisfy(move ->
                assertThat(move.path("from").asText()).isEqualTo("L1"));
        JsonNode leave = byId(proposal.path("reps"), "rep_id").get("L1");
        assertThat(leave.path("before").path("accounts").asInt()).isEqualTo(3);
        assertThat(leave.path("after").path("accounts").asInt()).isEqualTo(3);
    }

    @Test
    void shouldRedistributeAnOnLeaveBookWhenTheTeamPolicySaysSo() throws IOException {
        Path book = Files.writeString(dir.resolve("book.json"),
                onLeaveBook("\"teams\": [{\"team\": \"T1\", \"on_leave\": \"REDISTRIBUTE\"}],"));

        OfflineRun run = OfflineRun.of(book.toString(), "--out", out().toString(), "--workers", "1");

        assertThat(run.exit()).as(run.err()).isZero();
        List<JsonNode> moves = list(proposal().path("moves"));
        assertThat(moves).hasSize(3).allSatisfy(move -> {
            assertThat(move.path("from").asText()).isEqualTo("L1");
            assertThat(move.path("reason").asText()).isEqualTo("OWNER_ON_LEAVE");
            assertThat(move.path("counts_against_budget").asBoolean()).isFalse();
        });
    }

    @Test
    void shouldExitTwoWithTheSolversReasonOnAnInfeasibleBook() throws IOException {
        Path book = Files.writeString(dir.resolve("book.json"), """
                {"reps": [{"rep_id": "R1", "team": "T1", "segment": "SMB", "region": "NA", "status": "ACTIVE",
                           "quota": 1000, "capacity_accounts": 1}],
                 "accounts": [
                   {"account_id": "A1", "segment": "SMB", "region": "NA", "potential": 10, "arr": 0,
                    "tier": "DEVELOP", "owner_rep_id": "R1", "locked": true},
                   {"account_id": "A2", "segment": "SMB", "region": "NA", "potential": 10, "arr": 0,
                    "tier": "DEVELOP", "owner_rep_id": "R1", "locked": true}]}
                """);

        OfflineRun run = OfflineRun.of(book.toString(), "--out", out().toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("INFEASIBLE").contains("Rep R1 holds 2 locked accounts but has capacity for 1");
        JsonNode proposal = proposal();
        assertThat(proposal.path("status").asText()).isEqualTo("INFEASIBLE");
        assertThat(proposal.path("moves")).isEmpty();
        assertThat(proposal.path("solver").path("explanation").asText()).contains("capacity for 1");
    }

    @Test
    void shouldWriteMovesRepsPoolsTeamBudgetAndWarnings() throws IOException {
        Path book = Files.writeString(dir.resolve("book.json"), """
                {"budget_fraction": 0.5,
                 "teams": [{"team": "T1"}, {"team": "T9"}],
                 "reps": [
                   {"rep_id": "R1", "team": "T1", "segment": "SMB", "region": "NA", "status": "ACTIVE",
                    "quota": 1000000, "capacity_accounts": 10},
                   {"rep_id": "R2", "team": "T1", "segment": "SMB", "region": "NA", "status": "ACTIVE",
                    "quota": 1000000, "capacity_accounts": 10},
                   {"rep_id": "R3", "team": "T1", "segment": "SMB", "region": "NA", "status": "EXITED",
                    "quota": 1000000, "capacity_accounts": 10}],
                 "accounts": [
                   {"account_id": "A1", "name": "One", "segment": "SMB", "region": "NA", "potential": 400000,
                    "arr": 100000, "tier": "TIER_1", "owner_rep_id": "R1", "locked": true},
                   {"account_id": "A2", "segment": "SMB", "region": "NA", "potential": 200000, "arr": 50000,
                    "tier": "DEVELOP", "owner_rep_id": "R2", "locked": false},
                   {"account_id": "A3", "segment": "SMB", "region": "NA", "potential": 200000, "arr": 50000,
                    "tier": "QUICK_WIN", "owner_rep_id": "R3", "locked": false}]}
                """);

        OfflineRun run = OfflineRun.of(book.toString(), "--out", out().toString(), "--workers", "1",
                "--time-limit-s", "20");

        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode proposal = proposal();
        assertThat(proposal.path("status").asText()).isEqualTo("OPTIMAL");
        assertThat(proposal.path("solver").path("strategy").asText()).isNotBlank();
        assertThat(proposal.path("solve_time_ms").isNumber()).isTrue();
        JsonNode move = proposal.path("moves").get(0);
        assertThat(proposal.path("moves")).hasSize(1);
        assertThat(move.path("account_id").asText()).isEqualTo("A3");
        assertThat(move.path("from").asText()).isEqualTo("R3");
        assertThat(move.path("to").asText()).isEqualTo("R2");
        assertThat(move.path("reason").asText()).isEqualTo("ORPHANED_BY_EXIT");
        assertThat(move.path("tier").asText()).isEqualTo("QUICK_WIN");
        assertThat(move.path("potential").asDouble()).isEqualTo(200000);
        assertThat(move.path("counts_against_budget").asBoolean()).isFalse();
        JsonNode r2 = byId(proposal.path("reps"), "rep_id").get("R2");
        assertThat(r2.path("team").asText()).isEqualTo("T1");
        assertThat(r2.path("target").asDouble()).isEqualTo(400000);
        assertThat(r2.path("before").path("potential").asDouble()).isEqualTo(200000);
        assertThat(r2.path("after").path("potential").asDouble()).isEqualTo(400000);
        assertThat(r2.path("after").path("accounts").asInt()).isEqualTo(2);
        assertThat(r2.path("after").path("band").asText()).isNotBlank();
        JsonNode pool = proposal.path("pools").get(0);
        assertThat(pool.path("pool_id").asText()).isEqualTo("SMB/NA");
        assertThat(list(pool.path("rep_ids")).stream().map(JsonNode::asText)).containsExactly("R1", "R2");
        assertThat(pool.path("within_tolerance").asBoolean()).isTrue();
        assertThat(pool.path("after").path("max_deviation").asDouble()).isZero();
        assertThat(proposal.path("team").path("before").path("cv_coverage").asDouble()).isPositive();
        assertThat(proposal.path("team").path("after").path("cv_coverage").asDouble()).isZero();
        assertThat(proposal.path("budget").path("max_move_fraction").asDouble()).isEqualTo(0.5);
        assertThat(proposal.path("baseline").path("moves").asInt()).isEqualTo(1);
        assertThat(list(proposal.path("warnings")).stream().map(JsonNode::asText))
                .containsExactly("Team T9 (" + book + ", teams[1] (line 2)) has no reps in this book.");
        assertThat(run.out()).contains("warning: Team T9");
    }

    @Test
    void shouldReadTheCsvFormWithATeamsFile() throws IOException {
        Path reps = Files.writeString(dir.resolve("reps.csv"), """
                rep_id,name,team,segment,region,status,quota,capacity_accounts
                E1,Ann,east-west,SMB,East,ACTIVE,1000000,
                W1,Bob,east-west,SMB,West,ACTIVE,1000000,
                """);
        Path accounts = Files.writeString(dir.resolve("accounts.csv"), """
                account_id,name,segment,region,potential,arr,tier,owner_rep_id,locked
                A1,One,SMB,East,100000,0,DEVELOP,E1,false
                A2,Two,SMB,East,100000,0,DEVELOP,E1,false
                A3,Three,SMB,East,100000,0,DEVELOP,E1,false
                A4,Four,SMB,East,100000,0,DEVELOP,E1,false
                """);
        Path regionalTeams = Files.writeString(dir.resolve("regional.csv"), """
                team,regional,max_move_fraction
                east-west,true,0.5
                """);
        Path openTeams = Files.writeString(dir.resolve("open.csv"), """
                team,regional,max_move_fraction
                east-west,false,0.5
                """);

        OfflineRun regional = OfflineRun.of("--reps", reps.toString(), "--accounts", accounts.toString(),
                "--teams", regionalTeams.toString(), "--out", out().toString(), "--workers", "1");
        JsonNode kept = proposal();
        OfflineRun open = OfflineRun.of("--reps", reps.toString(), "--accounts", accounts.toString(),
                "--teams", openTeams.toString(), "--out", out().toString(), "--workers", "1");
        JsonNode shared = proposal();

        assertThat(regional.exit()).as(regional.err()).isZero();
        assertThat(kept.path("moves")).isEmpty();
        assertThat(open.exit()).as(open.err()).isZero();
        assertThat(shared.path("moves")).hasSize(2);
        assertThat(shared.path("budget").path("max_move_fraction").asDouble())
                .as("the only team's max_move_fraction is the budget").isEqualTo(0.5);
    }

    @Test
    void shouldTakeTheBudgetFromBudgetFractionOverTheTeamAndWarnOfTheDifference() throws IOException {
        String book = onLeaveBook("\"budget_fraction\": 0.0, \"teams\": [{\"team\": \"T1\", \"max_move_fraction\": 0.5}],")
                .replace("\"status\": \"ON_LEAVE\"", "\"status\": \"ACTIVE\"");

        OfflineRun run = OfflineRun.of(Files.writeString(dir.resolve("book.json"), book).toString(), "--out",
                out().toString(), "--workers", "1");

        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode proposal = proposal();
        assertThat(proposal.path("moves")).isEmpty();
        assertThat(proposal.path("budget").path("max_moves").asInt()).isZero();
        assertThat(proposal.path("warnings").get(0).asText()).contains("Team T1 has max_move_fraction 0.5")
                .contains("budget_fraction 0.0 applies");
    }

    @Test
    void shouldRunTheDocumentedExampleFromTheCommandLineHelp() {
        OfflineRun help = OfflineRun.of("--help");

        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("./territory rebalance BOOK.json --out PROPOSAL.json")
                .contains("--reps REPS --accounts ACCOUNTS [--teams TEAMS]");
    }

    /** A book of team T1: L1 (the {@code ON_LEAVE} rep) holds three accounts, A1 and A2 hold none. */
    private static String onLeaveBook(String prefix) {
        return """
                {%s
                 "reps": [
                   {"rep_id": "L1", "team": "T1", "segment": "SMB", "region": "NA", "status": "ON_LEAVE",
                    "quota": 1000000, "capacity_accounts": null},
                   {"rep_id": "A1", "team": "T1", "segment": "SMB", "region": "NA", "status": "ACTIVE",
                    "quota": 1000000, "capacity_accounts": null},
                   {"rep_id": "A2", "team": "T1", "segment": "SMB", "region": "NA", "status": "ACTIVE",
                    "quota": 1000000, "capacity_accounts": null}],
                 "accounts": [
                   {"account_id": "X1", "segment": "SMB", "region": "NA", "potential": 300000, "arr": 0,
                    "tier": "DEVELOP", "owner_rep_id": "L1", "locked": false},
                   {"account_id": "X2", "segment": "SMB", "region": "NA", "potential": 300000, "arr": 0,
                    "tier": "DEVELOP", "owner_rep_id": "L1", "locked": false},
                   {"account_id": "X3", "segment": "SMB", "region": "NA", "potential": 300000, "arr": 0,
                    "tier": "DEVELOP", "owner_rep_id": "L1", "locked": false},
                   {"account_id": "X4", "segment": "SMB", "region": "NA", "potential": 100000, "arr": 0,
                    "tier": "DEVELOP", "owner_rep_id": "A1", "locked": false}]}
                """.formatted(prefix);
    }

    private Path example(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/offline/" + name)) {
            assertThat(in).as(name).isNotNull();
            return Files.write(dir.resolve(name), in.readAllBytes());
        }
    }

    private Path out() {
        return dir.resolve("proposal.json");
    }

    private JsonNode proposal() throws IOException {
        return readTree(out());
    }

    private static JsonNode readTree(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    private static Map<String, JsonNode> byId(JsonNode array, String field) {
        Map<String, JsonNode> byId = new HashMap<>();
        array.forEach(node -> byId.put(node.path(field).asText(), node));
        return byId;
    }

    private static List<String> poolIds(JsonNode proposal) {
        return list(proposal.path("pools")).stream().map(pool -> pool.path("pool_id").asText()).toList();
    }
}
