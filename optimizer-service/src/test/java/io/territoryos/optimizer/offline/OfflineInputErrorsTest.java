package io.territoryos.optimizer.offline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every input error is exit 1 with a message that names the file, the line (CSV: physical line, header = 1; JSON:
 * the array path) and the column, and nothing is solved: no proposal file is written.
 */
class OfflineInputErrorsTest {

    private static final String REPS = """
            rep_id,name,team,segment,region,status,quota,capacity_accounts
            R1,Ann,T1,SMB,NA,ACTIVE,1000000,10
            R2,Bob,T1,SMB,NA,ACTIVE,1000000,
            """;
    private static final String ACCOUNTS = """
            account_id,name,segment,region,potential,arr,tier,owner_rep_id,locked
            A1,One,SMB,NA,400000,100000,TIER_1,R1,false
            A2,Two,SMB,NA,200000,50000,DEVELOP,R2,false
            A3,Three,SMB,NA,200000,50000,QUICK_WIN,,false
            """;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "a missing {1} column of {0}")
    @CsvSource({"reps.csv, quota", "reps.csv, capacity_accounts", "accounts.csv, potential",
            "accounts.csv, owner_rep_id", "accounts.csv, locked"})
    void shouldRejectAMissingColumnNamingFileLineAndColumn(String file, String column) throws IOException {
        String reps = file.equals("reps.csv") ? withoutColumn(REPS, column) : REPS;
        String accounts = file.equals("accounts.csv") ? withoutColumn(ACCOUNTS, column) : ACCOUNTS;

        OfflineRun run = runCsv(reps, accounts);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains(dir.resolve(file) + ", line 1: missing column " + column);
        assertThat(dir.resolve("proposal.json")).doesNotExist();
    }

    @Test
    void shouldNameEveryMissingColumnOfAFileAtOnce() throws IOException {
        OfflineRun run = runCsv(REPS, withoutColumn(withoutColumn(ACCOUNTS, "potential"), "owner_rep_id"));

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("accounts.csv, line 1: missing columns potential, owner_rep_id");
    }

    @Test
    void shouldRejectANonNumberPotentialWithItsPhysicalLine() throws IOException {
        // the quoted name spans two lines: A2 is on physical line 4, not record 3
        OfflineRun run = runCsv(REPS, """
                account_id,name,segment,region,potential,arr,tier,owner_rep_id,locked
                A1,"One
                 Inc",SMB,NA,400000,100000,TIER_1,R1,false
                A2,Two,SMB,NA,12k,50000,DEVELOP,R2,false
                """);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("accounts.csv, line 4, column potential: '12k' is not a number");
    }

    @Test
    void shouldRejectANegativeQuota() throws IOException {
        OfflineRun run = runCsv(REPS.replace("R2,Bob,T1,SMB,NA,ACTIVE,1000000,", "R2,Bob,T1,SMB,NA,ACTIVE,-5,"),
                ACCOUNTS);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("reps.csv, line 3, column quota: -5 is out of range: must be >= 0");
    }

    @Test
    void shouldRejectAnUnknownStatusTierAndSegment() throws IOException {
        OfflineRun run = runCsv(REPS.replace("R1,Ann,T1,SMB,NA,ACTIVE", "R1,Ann,T1,SMB,NA,ACTIV"),
                ACCOUNTS.replace("A2,Two,SMB,NA,200000,50000,DEVELOP", "A2,Two,SMBB,NA,200000,50000,GOLD"));

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err())
                .contains("reps.csv, line 2, column status: unknown status 'ACTIV' (one of ACTIVE, RAMPING, ON_LEAVE, EXITED)")
                .contains("accounts.csv, line 3, column segment: unknown segment 'SMBB'")
                .contains("accounts.csv, line 3, column tier: unknown tier 'GOLD'");
    }

    @Test
    void shouldRejectALockedValueThatIsNotTrueOrFalse() throws IOException {
        OfflineRun run = runCsv(REPS, ACCOUNTS.replace("TIER_1,R1,false", "TIER_1,R1,yes")
                .replace("QUICK_WIN,,false", "QUICK_WIN,,"));

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("accounts.csv, line 2, column locked: 'yes' is not true or false")
                .contains("accounts.csv, line 4, column locked: no value (required: true or false)");
    }

    @Test
    void shouldRejectDuplicateIds() throws IOException {
        OfflineRun run = runCsv(REPS + "R1,Cy,T1,SMB,NA,ACTIVE,1000000,10\n",
                ACCOUNTS + "A2,Again,SMB,NA,1,1,DEVELOP,R1,false\n");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("reps.csv, line 4, column rep_id: duplicate rep_id R1 (first at "
                        + dir.resolve("reps.csv") + ", line 2)")
                .contains("accounts.csv, line 5, column account_id: duplicate account_id A2");
    }

    @Test
    void shouldRejectAnOwnerThatIsNotInTheRepsInsteadOfOrphaningIt() throws IOException {
        OfflineRun run = runCsv(REPS, ACCOUNTS.replace("DEVELOP,R2,false", "DEVELOP,R9,false"));

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("accounts.csv, line 3, column owner_rep_id: owner R9 is not a rep_id in "
                + dir.resolve("reps.csv"));
        assertThat(dir.resolve("proposal.json")).doesNotExist();
    }

    @Test
    void shouldRejectEmptyRepsAsBadInputNotInfeasible() throws IOException {
        OfflineRun run = runCsv("rep_id,team,segment,region,status,quota,capacity_accounts\n",
                ACCOUNTS.replace("R1", "").replace("R2", ""));

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("reps.csv: no reps");
    }

    @Test
    void shouldSayNotFoundForAMissingFile() throws IOException {
        Path accounts = Files.writeString(dir.resolve("accounts.csv"), ACCOUNTS);

        OfflineRun csv = OfflineRun.of("--reps", dir.resolve("nope.csv").toString(), "--accounts",
                accounts.toString(), "--out", dir.resolve("p.json").toString());
        OfflineRun book = OfflineRun.of(dir.resolve("book.json").toString(), "--out", dir.resolve("p.json").toString());

        assertThat(csv.exit()).isEqualTo(1);
        assertThat(csv.err()).contains(dir.resolve("nope.csv") + ": not found");
        assertThat(book.exit()).isEqualTo(1);
        assertThat(book.err()).contains(dir.resolve("book.json") + ": not found");
    }

    @Test
    void shouldReportEveryRowErrorUpToFiftyAndCountTheRest() throws IOException {
        StringBuilder accounts = new StringBuilder("account_id,segment,region,potential,arr,tier,owner_rep_id,locked\n");
        for (int i = 0; i < 60; i++) {
            accounts.append("A").append(i).append(",SMB,NA,lots,0,DEVELOP,R1,false\n");
        }

        OfflineRun run = runCsv(REPS, accounts.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("60 input errors:").contains("line 2, column potential")
                .contains("line 51, column potential").doesNotContain("line 52, column potential")
                .contains("and 10 more");
    }

    @Test
    void shouldNameTheJsonPathAndFieldOfAWrongType() throws IOException {
        Path book = Files.writeString(dir.resolve("book.json"), """
                {"reps": [
                   {"rep_id": "R1", "team": "T1", "segment": "SMB", "region": "NA", "status": "ACTIVE",
                    "quota": "1000000", "capacity_accounts": null}],
                 "accounts": [
                   {"account_id": "A1", "segment": "SMB", "region": "NA", "potential": 10, "arr": 0,
                    "tier": "DEVELOP", "owner_rep_id": "R1", "locked": false},
                   {"account_id": "A2", "segment": "SMB", "region": "NA", "arr": 0,
                    "tier": "DEVELOP", "owner_rep_id": "R7", "locked": "no"}]}
                """);

        OfflineRun run = OfflineRun.of(book.toString(), "--out", dir.resolve("p.json").toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err())
                .contains("book.json, reps[0] (line 2), field quota: expected a number, got \"1000000\"")
                .contains("book.json, accounts[1] (line 7): missing field potential")
                .contains("book.json, accounts[1] (line 7), field locked: expected true or false, got \"no\"")
                .contains("book.json, accounts[1] (line 7), field owner_rep_id: owner R7 is not a rep_id");
    }

    @Test
    void shouldRejectARepThatDoesNotMatchItsTeamsSegmentOrRegions() throws IOException {
        Path book = Files.writeString(dir.resolve("book.json"), """
                {"teams": [{"team": "T1", "segment": "SMB", "regions": ["East"]}],
                 "reps": [
                   {"rep_id": "R1", "team": "T1", "segment": "SMB", "region": "East", "status": "ACTIVE",
                    "quota": 1, "capacity_accounts": null},
                   {"rep_id": "R2", "team": "T1", "segment": "ENTERPRISE", "region": "West", "status": "ACTIVE",
                    "quota": 1, "capacity_accounts": null}],
                 "accounts": [{"account_id": "A1", "segment": "SMB", "region": "East", "potential": 10, "arr": 0,
                    "tier": "DEVELOP", "owner_rep_id": "R1", "locked": false}]}
                """);

        OfflineRun run = OfflineRun.of(book.toString(), "--out", dir.resolve("p.json").toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err())
                .contains("reps[1] (line 5), field segment: rep R2 is ENTERPRISE but team T1 is SMB")
                .contains("reps[1] (line 5), field region: rep R2 is in region West, not one of team T1's regions East");
    }

    @Test
    void shouldRejectAMisspeltPolicyFieldInsteadOfDefaultingIt() throws IOException {
        Path book = Files.writeString(dir.resolve("book.json"), """
                {"teams": [{"team": "T1", "regionl": true, "on_leave": "KEEP"}],
                 "reps": [{"rep_id": "R1", "team": "T1", "segment": "SMB", "region": "East", "status": "ACTIVE",
                    "quota": 1, "capacity_accounts": null}],
                 "accounts": []}
                """);

        OfflineRun run = OfflineRun.of(book.toString(), "--out", dir.resolve("p.json").toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("book.json, teams[0] (line 1), field regionl: unknown field")
                .contains("teams[0] (line 1), field on_leave: unknown on_leave 'KEEP' (one of KEEP_BOOK, REDISTRIBUTE)")
                .contains("book.json, accounts: no accounts");
    }

    @Test
    void shouldExplainThatRegionalIsPerTeamNow() throws IOException {
        Path reps = Files.writeString(dir.resolve("reps.csv"), REPS);
        Path accounts = Files.writeString(dir.resolve("accounts.csv"), ACCOUNTS);

        OfflineRun run = OfflineRun.of("--reps", reps.toString(), "--accounts", accounts.toString(), "--out",
                dir.resolve("p.json").toString(), "--regional");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("--regional was removed: regional is per team now");
    }

    @Test
    void shouldRejectUnknownOptionsAndBadValues() {
        assertThat(OfflineRun.of("b.json", "--out", "p.json", "--max-moves", "3").err())
                .contains("unknown option --max-moves");
        assertThat(OfflineRun.of("b.json", "--out", "p.json", "--workers", "two").err())
                .contains("--workers: 'two' is not a whole number");
        assertThat(OfflineRun.of("--reps", "r.csv", "--out", "p.json").err())
                .contains("--reps and --accounts go together");
        assertThat(OfflineRun.of("b.json").exit()).isEqualTo(1);
        assertThat(OfflineRun.of("b.json", "--out", "./b.json").err())
                .contains("--out ./b.json is an input file; the proposal would overwrite it");
    }

    private OfflineRun runCsv(String reps, String accounts) throws IOException {
        Path repsFile = Files.writeString(dir.resolve("reps.csv"), reps);
        Path accountsFile = Files.writeString(dir.resolve("accounts.csv"), accounts);
        return OfflineRun.of("--reps", repsFile.toString(), "--accounts", accountsFile.toString(),
                "--out", dir.resolve("proposal.json").toString(), "--workers", "1", "--time-limit-s", "10");
    }

    /** The CSV without one column (header and every row). */
    private static String withoutColumn(String csv, String column) {
        String[] lines = csv.split("\n");
        int index = java.util.Arrays.asList(lines[0].split(",", -1)).indexOf(column);
        assertThat(index).as("column " + column).isNotNegative();
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            java.util.List<String> fields = new java.util.ArrayList<>(java.util.Arrays.asList(line.split(",", -1)));
            fields.remove(index);
            text.append(String.join(",", fields)).append('\n');
        }
        return text.toString();
    }
}
