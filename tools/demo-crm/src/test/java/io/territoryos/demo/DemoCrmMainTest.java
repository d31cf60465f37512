package io.territoryos.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.territoryos.contracts.cdc.ChangeEvent;
import io.territoryos.contracts.cdc.DebeziumDecoder;
import io.territoryos.contracts.crm.CrmAccount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

class DemoCrmMainTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final DemoCrmMain main = new DemoCrmMain(new PrintStream(output, true, StandardCharsets.UTF_8));

    @Test
    void shouldWriteTheSnapshotAndStoryToAJsonLinesFileTheSameOnEveryRun() throws IOException {
        Path first = dir.resolve("first.jsonl");
        Path second = dir.resolve("second.jsonl");

        int code = main.run(new String[]{"file", "--seed", "42", "--accounts", "1000", "--out", first.toString(), "--with-story"});
        main.run(new String[]{"file", "--seed", "42", "--accounts", "1000", "--out", second.toString(), "--with-story"});

        DemoCrm demo = DemoCrm.generate(DemoConfig.of(42, 1000));
        List<String> lines = Files.readAllLines(first);
        assertThat(code).isZero();
        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
        assertThat(lines).hasSize(demo.snapshotSize() + 1 + demo.storyEvents().size());
        JsonNode account = JSON.readTree(lines.get(demo.reps().size()));
        ChangeEvent event = DebeziumDecoder.decode(JSON.writeValueAsBytes(account.get("key")),
                JSON.writeValueAsBytes(account.get("value")), CrmAccount.ID_FIELD);
        assertThat(CrmAccount.from(event.id(), event.after())).isEqualTo(demo.accounts().findFirst().orElseThrow());
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("\"value\":null"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("\"value_base64\""));
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("wrote 1,");
    }

    @Test
    void shouldListRejectedRowsOfACsvExportOnADryRun() throws IOException {
        for (String name : List.of("reps.csv", "accounts.csv")) {
            try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream("/example-export/" + name))) {
                Files.copy(in, dir.resolve(name));
            }
        }

        int code = main.run(new String[]{"import", "--dir", dir.toString(), "--dry-run", "--max-rejects", "20%",
                "--rejects", dir.resolve("rejects.csv").toString()});

        assertThat(code).isZero();
        assertThat(output.toString(StandardCharsets.UTF_8))
                .contains("rejected accounts.csv:17: renewal_risk 1.7 outside 0..1")
                .contains("4 rows rejected")
                .contains("nothing published");
        assertThat(Files.readString(dir.resolve("rejects.csv"))).contains("accounts.csv,17,renewal_risk,renewal_risk 1.7 outside 0..1,");
        assertThat(main.run(new String[]{"import", "--dir", dir.toString(), "--dry-run", "--rejects",
                dir.resolve("rejects.csv").toString()})).as("more than 5% rejected: refused").isEqualTo(1);
    }

    @Test
    void shouldReplaceTheRejectsFileOfAnEarlierRunWhenNothingIsRejected() throws IOException {
        Files.writeString(dir.resolve("reps.csv"), "rep_id,status,motion,segment,region,team,quota,capacity_accounts\n"
                + "R-1,ACTIVE,DUAL,SMB,EMEA,smb-emea,500000,100\n");
        Files.writeString(dir.resolve("accounts.csv"), "account_id,segment,region,status,current_arr,whitespace_arr,"
                + "buying_capacity,renewal_risk,icp_fit,propensity,owner_rep_id\nA-1,SMB,EMEA,CUSTOMER,100,200,1,0,50,0.5,R-1\n");
        Path rejects = dir.resolve("rejects.csv");
        Files.writeString(rejects, "file,line,column,reason,original_row\naccounts.csv,7,icp_fit,old,\n");

        int code = main.run(new String[]{"import", "--dir", dir.toString(), "--dry-run", "--rejects", rejects.toString()});

        assertThat(code).isZero();
        assertThat(Files.readAllLines(rejects)).containsExactly("file,line,column,reason,original_row");
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("the export's teams: [smb-emea]");
    }

    @Test
    void shouldExplainBadUsageWithExitCodeTwo() {
        assertThat(main.run(new String[]{"load", "--decimals", "precise"})).isEqualTo(2);
        assertThat(main.run(new String[]{"load", "--colour", "blue"})).isEqualTo(2);
        assertThat(main.run(new String[]{"file", "--accounts", "10", "--out", dir.resolve("x").toString()})).isEqualTo(2);
        assertThat(main.run(new String[]{"teleport"})).isEqualTo(2);
        assertThat(main.run(new String[]{"writeback", "--seed", "42"})).isEqualTo(2);
        assertThat(main.run(new String[]{"csv", "--dir", dir.resolve("missing").toString(), "--dry-run"})).isEqualTo(1);
    }

    @Test
    void shouldSayWhichBrokerItCouldNotReach() {
        PrintStream originalErr = System.err;
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
        try {
            int code = main.run(new String[]{"story", "--bootstrap", "127.0.0.1:1", "--timeout", "1", "--accounts", "1000",
                    "--step", "rep-exit"});

            int writeBackCode = main.run(new String[]{"writeback", "--bootstrap", "127.0.0.1:1", "--timeout", "1"});

            assertThat(code).isEqualTo(1);
            assertThat(writeBackCode).isEqualTo(1);
            assertThat(errors.toString(StandardCharsets.UTF_8)).contains("127.0.0.1:1");
        } finally {
            System.setErr(originalErr);
        }
    }
}
