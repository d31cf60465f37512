package io.territoryos.demo.csv;

import io.territoryos.contracts.avro.AccountStatus;
import io.territoryos.contracts.cdc.ChangeEvent;
import io.territoryos.contracts.cdc.DebeziumDecoder;
import io.territoryos.contracts.crm.CrmAccount;
import io.territoryos.contracts.crm.CrmRep;
import io.territoryos.demo.cdc.CdcFormat;
import io.territoryos.demo.cdc.CdcRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvImportTest {

    private static final String REPS_HEADER = "rep_id,name,status,motion,segment,region,team,quota,capacity_accounts,start_date\n";
    private static final String ACCOUNTS_HEADER = "account_id,name,segment,region,status,current_arr,whitespace_arr,"
            + "buying_capacity,renewal_risk,icp_fit,owner_rep_id,locked,renewal_date\n";

    @Test
    void shouldAcceptTheGoodRowsOfTheExampleExportAndRejectTheBadOnesWithFileLineAndReason() throws IOException {
        CsvImportResult result = readExample();

        assertThat(result.rejections()).extracting(CsvRejection::toString).containsExactly(
                "reps.csv:7: unknown status 'RETIRED'",
                "accounts.csv:9: current_arr -5000.0 is negative or not a number",
                "accounts.csv:17: renewal_risk 1.7 outside 0..1",
                "accounts.csv:22: unknown segment 'MIDMARKET'");
        assertThat(result.reps()).hasSize(5);
        assertThat(result.accounts()).hasSize(18);
        assertThat(result.accounts()).extracting(CrmAccount::accountId).doesNotContain("A-1008", "A-2003", "A-2009");
        assertThat(result.warnings()).anySatisfy(w -> assertThat(w).contains("R-203"));
    }

    @Test
    void shouldReadQuotedFieldsTypedValuesAndEmptyCellsAsNull() throws IOException {
        CsvImportResult result = readExample();
        CrmAccount granite = result.accounts().stream().filter(a -> a.accountId().equals("A-1002")).findFirst().orElseThrow();
        CrmAccount prospect = result.accounts().stream().filter(a -> a.accountId().equals("A-1004")).findFirst().orElseThrow();

        assertThat(granite.name()).isEqualTo("Granite Health, LLC");
        assertThat(granite.currentArr()).isEqualTo(85_000.0);
        assertThat(granite.locked()).isTrue();
        assertThat(granite.renewalDate()).isEqualTo(LocalDate.of(2026, 3, 31));
        assertThat(granite.lastActivityAt()).isEqualTo(java.time.Instant.parse("2025-12-02T09:00:00Z").toEpochMilli());
        assertThat(prospect.status()).isEqualTo(AccountStatus.PROSPECT);
        assertThat(prospect.lastActivityAt()).isNull();
        assertThat(prospect.renewalDate()).isNull();
    }

    @Test
    void shouldEmitTheAcceptedRowsAsASnapshotTheDecoderReads() throws IOException {
        CsvImportResult result = readExample();
        List<CdcRecord> records = result.snapshotEvents(CdcFormat.defaults()).toList();

        assertThat(records).hasSize(result.reps().size() + result.accounts().size());
        for (int i = 0; i < result.reps().size(); i++) {
            ChangeEvent event = DebeziumDecoder.decode(records.get(i).key(), records.get(i).value(), CrmRep.ID_FIELD);
            assertThat(CrmRep.from(event.id(), event.after())).isEqualTo(result.reps().get(i));
        }
        for (int i = 0; i < result.accounts().size(); i++) {
            CdcRecord record = records.get(result.reps().size() + i);
            ChangeEvent event = DebeziumDecoder.decode(record.key(), record.value(), CrmAccount.ID_FIELD);
            assertThat(CrmAccount.from(event.id(), event.after())).isEqualTo(result.accounts().get(i));
        }
    }

    @Test
    void shouldRejectDuplicatesMissingIdsAndShortRows() throws IOException {
        String accounts = ACCOUNTS_HEADER
                + "A-1,One,SMB,EMEA,CUSTOMER,100,200,1,0.1,50,R-1,false,\n"
                + "A-1,Again,SMB,EMEA,CUSTOMER,100,200,1,0.1,50,R-1,false,\n"
                + ",No id,SMB,EMEA,CUSTOMER,100,200,1,0.1,50,R-1,false,\n"
                + "A-3,Short,SMB\n"
                + "A-4,\"Multi\nline\",SMB,EMEA,CUSTOMER,1e3,0,1,0,50,,no,2026-02-01\n"
                + "A-5,Bad arr,SMB,EMEA,CUSTOMER,\"1,000\",0,1,0,50,,no,\n";
        CsvImportResult result = read(REPS_HEADER + "R-1,Rep,ACTIVE,DUAL,SMB,EMEA,smb-emea,500000,100,2024-01-01\n", accounts);

        assertThat(result.rejections()).extracting(CsvRejection::toString).containsExactly(
                "accounts.csv:3: duplicate account_id A-1 (first on line 2)",
                "accounts.csv:4: account_id is missing",
                "accounts.csv:5: has 3 fields, the header has 13",
                "accounts.csv:8: current_arr '1,000' is not a decimal");
        assertThat(result.accounts()).extracting(CrmAccount::accountId).containsExactly("A-1", "A-4");
        assertThat(result.accounts().get(1).name()).isEqualTo("Multi\nline");
        assertThat(result.accounts().get(1).currentArr()).isEqualTo(1_000.0);
        assertThat(result.accounts().get(1).ownerRepId()).isNull();
    }

    @Test
    void shouldFailTheWholeFileWhenTheHeaderLacksARequiredColumn() {
        assertThatThrownBy(() -> read(REPS_HEADER, "account_id,name,region\nA-1,x,EMEA\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("accounts.csv:1").hasMessageContaining("segment").hasMessageContaining("status");
    }

    @Test
    void shouldWarnAboutColumnsThatAreNotCrmColumns() throws IOException {
        CsvImportResult result = read(REPS_HEADER, "account_id,segment,status,favourite_colour\nA-1,SMB,PROSPECT,blue\n");

        assertThat(result.accounts()).hasSize(1);
        assertThat(result.warnings()).containsExactly("accounts.csv: column 'favourite_colour' is not a CRM column; ignored");
    }

    private static CsvImportResult readExample() throws IOException {
        try (Reader reps = resource("reps.csv"); Reader accounts = resource("accounts.csv")) {
            return CsvImport.read("reps.csv", reps, "accounts.csv", accounts);
        }
    }

    private static CsvImportResult read(String reps, String accounts) throws IOException {
        return CsvImport.read("reps.csv", new StringReader(reps), "accounts.csv", new StringReader(accounts));
    }

    private static Reader resource(String name) {
        return new InputStreamReader(Objects.requireNonNull(
                CsvImportTest.class.getResourceAsStream("/example-export/" + name)), StandardCharsets.UTF_8);
    }
}
