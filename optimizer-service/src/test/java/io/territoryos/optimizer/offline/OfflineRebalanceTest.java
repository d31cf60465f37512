package io.territoryos.optimizer.offline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.territoryos.optimizer.domain.Account;
import io.territoryos.optimizer.domain.Rep;
import io.territoryos.optimizer.domain.RepStatus;
import io.territoryos.optimizer.domain.Tier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OfflineRebalanceTest {

    @TempDir
    Path dir;

    @Test
    void shouldReadRepsFromCsvWithQuotesAndDefaults() throws Exception {
        Path reps = Files.writeString(dir.resolve("reps.csv"), """
                rep_id,name,team,segment,region,status,quota,capacity_accounts
                R1,"Doe, ""JD"" Jane",T1,SMB,NA,ramping,1000000,110
                R2,Bob,T1,SMB,NA,,500000,
                """);

        List<Rep> read = BookReader.reps(reps);

        assertThat(read).containsExactly(
                new Rep("R1", "Doe, \"JD\" Jane", "T1", "SMB", "NA", RepStatus.RAMPING, 1_000_000, 110),
                new Rep("R2", "Bob", "T1", "SMB", "NA", RepStatus.ACTIVE, 500_000, Rep.UNLIMITED_CAPACITY));
    }

    @Test
    void shouldReadAccountsFromJsonWithThePoolAsNullOwner() throws Exception {
        Path accounts = Files.writeString(dir.resolve("accounts.json"), """
                [{"account_id":"A1","name":"Acme","segment":"SMB","region":"NA","potential":350000,"arr":100000,
                  "tier":"TIER_1","owner_rep_id":"R1","locked":true},
                 {"account_id":"A2","segment":"SMB","potential":1000,"owner_rep_id":null}]
                """);

        List<Account> read = BookReader.accounts(accounts);

        assertThat(read).containsExactly(
                new Account("A1", "Acme", "SMB", "NA", 350_000, 100_000, Tier.TIER_1, "R1", true),
                new Account("A2", null, "SMB", null, 1000, 0, Tier.DEPRIORITIZE, null, false));
    }

    @Test
    void shouldRejectABadRowWithItsLine() throws Exception {
        Path accounts = Files.writeString(dir.resolve("accounts.csv"), """
                account_id,segment,potential
                A1,SMB,100
                A2,SMB,-5
                """);

        assertThatThrownBy(() -> BookReader.accounts(accounts))
                .hasMessageContaining("line 3").hasMessageContaining("potential of account A2 must be finite and >= 0");
    }

    @Test
    void shouldWriteTheProposalAsJson() throws Exception {
        Path reps = Files.writeString(dir.resolve("reps.csv"), """
                rep_id,name,team,segment,region,status,quota,capacity_accounts
                R1,Ann,T1,SMB,NA,ACTIVE,1000000,10
                R2,Bob,T1,SMB,NA,ACTIVE,1000000,10
                R3,Cy,T1,SMB,NA,EXITED,1000000,10
                """);
        Path accounts = Files.writeString(dir.resolve("accounts.csv"), """
                account_id,name,segment,region,potential,arr,tier,owner_rep_id,locked
                A1,One,SMB,NA,400000,100000,TIER_1,R1,true
                A2,Two,SMB,NA,200000,50000,DEVELOP,R2,false
                A3,Three,SMB,NA,200000,50000,QUICK_WIN,R3,false
                """);
        Path out = dir.resolve("proposal.json");

        int exit = OfflineRebalance.run(new String[] {"--reps", reps.toString(), "--accounts", accounts.toString(),
                "--out", out.toString(), "--workers", "1", "--time-limit-s", "20"});

        assertThat(exit).isZero();
        JsonNode proposal = new ObjectMapper().readTree(out.toFile());
        assertThat(proposal.path("solver").path("status").asText()).isEqualTo("OPTIMAL");
        assertThat(proposal.path("moves")).hasSize(1);
        JsonNode move = proposal.path("moves").get(0);
        assertThat(move.path("account_id").asText()).isEqualTo("A3");
        assertThat(move.path("from_rep_id").asText()).isEqualTo("R3");
        assertThat(move.path("to_rep_id").asText()).isEqualTo("R2");
        assertThat(move.path("reason").asText()).isEqualTo("ORPHANED_BY_EXIT");
        assertThat(proposal.path("after").path("cv_coverage").asDouble()).isZero();
        assertThat(proposal.path("snapshot_fingerprint").asText()).hasSize(32);
    }

    @Test
    void shouldFailWithUsageWhenAFileIsMissing() {
        assertThat(OfflineRebalance.run(new String[] {"--reps", "r.csv"})).isEqualTo(1);
    }
}
