package io.territoryos.demo.csv;

import io.territoryos.contracts.avro.Motion;
import io.territoryos.contracts.avro.RepStatus;
import io.territoryos.contracts.avro.Segment;
import io.territoryos.contracts.cdc.ChangeEvent;
import io.territoryos.contracts.cdc.DebeziumDecoder;
import io.territoryos.contracts.crm.CrmAccount;
import io.territoryos.contracts.crm.CrmRep;
import io.territoryos.demo.cdc.CdcFormat;
import io.territoryos.demo.cdc.CdcRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ImportPlanTest {

    private static final String REPS = "rep_id,name,status,motion,segment,region,team,quota,capacity_accounts\n"
            + "R-1,Ada,ACTIVE,DUAL,SMB,EMEA,smb-emea,500000,100\n"
            + "R-2,Ben,ACTIVE,DUAL,SMB,EMEA,smb-emea,500000,100\n";
    private static final String ACCOUNTS = "account_id,segment,region,status,current_arr,whitespace_arr,buying_capacity,"
            + "renewal_risk,icp_fit,propensity,owner_rep_id\n"
            + "A-1,SMB,EMEA,CUSTOMER,100,200,1,0,50,0.5,R-1\n"
            + "A-2,SMB,EMEA,CUSTOMER,100,200,1,0,50,0.5,R-2\n"
            + "A-3,SMB,EMEA,CUSTOMER,100,200,1,0,50,0.5,R-2\n";

    @Test
    void shouldEmitUpsertsThenDeletesWithTombstonesAsDebeziumEvents() throws IOException {
        CsvImportResult first = read(REPS, ACCOUNTS);
        Map<String, CrmRep> reps = Map.of("R-1", first.reps().get(0), "R-2", first.reps().get(1),
                "R-9", new CrmRep("R-9", "Gone", RepStatus.ACTIVE, Motion.DUAL, Segment.SMB, "EMEA", "smb-emea", 1, 10, null));
        Map<String, CrmAccount> accounts = Map.of("A-1", first.accounts().get(0), "A-2", first.accounts().get(1),
                "A-3", first.accounts().get(2));
        CsvImportResult corrected = read(REPS, ACCOUNTS.replace("A-2,SMB,EMEA,CUSTOMER,100", "A-2,SMB,EMEA,CUSTOMER,150")
                .replace("A-3,SMB,EMEA,CUSTOMER,100,200,1,0,50,0.5,R-2\n", "A-4,SMB,EMEA,PROSPECT,0,900,1,0,50,0.5,\n"));

        ImportPlan plan = ImportPlan.of(corrected, reps, accounts);
        List<CdcRecord> events = plan.events(CdcFormat.defaults(), 1_000);

        assertThat(plan.toString()).isEqualTo("reps: 0 new, 0 changed, 1 deleted, 2 unchanged; "
                + "accounts: 1 new, 1 changed, 1 deleted, 1 unchanged");
        assertThat(events).extracting(e -> e.topic() + " " + e.keyText() + " " + op(e)).containsExactly(
                "crm.accounts {\"account_id\":\"A-4\"} c",
                "crm.accounts {\"account_id\":\"A-2\"} u",
                "crm.accounts {\"account_id\":\"A-3\"} d",
                "crm.accounts {\"account_id\":\"A-3\"} tombstone",
                "crm.reps {\"rep_id\":\"R-9\"} d",
                "crm.reps {\"rep_id\":\"R-9\"} tombstone");
        ChangeEvent update = DebeziumDecoder.decode(events.get(1).key(), events.get(1).value(), CrmAccount.ID_FIELD);
        assertThat(CrmAccount.from(update.id(), update.after()).currentArr()).isEqualTo(150.0);
    }

    @Test
    void shouldWriteEveryRejectionWithItsOriginalRowToRejectsCsv() throws IOException {
        Path file = Files.createTempDirectory("rejects").resolve("rejects.csv");
        CsvRejection rejection = new CsvRejection("accounts.csv", 8, "current_arr", "'1,000' has a thousands separator",
                List.of("A-5", "Bad, arr", "1,000"));

        RejectsFile.write(file, List.of(rejection));

        assertThat(Files.readAllLines(file)).containsExactly("file,line,column,reason,original_row",
                "accounts.csv,8,current_arr,\"'1,000' has a thousands separator\",\"A-5,\"\"Bad, arr\"\",\"\"1,000\"\"\"");
    }

    private static String op(CdcRecord record) {
        if (record.tombstone()) {
            return "tombstone";
        }
        return DebeziumDecoder.decode(record.key(), record.value(), record.topic().equals("crm.reps") ? "rep_id" : "account_id")
                .op().code();
    }

    private static CsvImportResult read(String reps, String accounts) throws IOException {
        return CsvImport.read("reps.csv", new StringReader(reps), "accounts.csv", new StringReader(accounts));
    }
}
