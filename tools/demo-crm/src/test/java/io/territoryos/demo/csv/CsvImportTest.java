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
            + "buying_capacity,renewal_risk,icp_fit,propensity,owner_rep_id,locked,renewal_date\n";

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
    void shouldRejectDuplicatesMissingIdsShortRowsAndSeparatorsWithFileLineColumnAndReason() throws IOException {
        String accounts = ACCOUNTS_HEADER
                + "A-1,One,SMB,EMEA,CUSTOMER,100,200,1,0.1,50,0.5,R-1,false,\n"
                + "A-1,Again,SMB,EMEA,CUSTOMER,100,200,1,0.1,50,0.5,R-1,false,\n"
                + ",No id,SMB,EMEA,CUSTOMER,100,200,1,0.1,50,0.5,R-1,false,\n"
                + "A-3,Short,SMB\n"
                + "A-4,\"Multi\nline\",SMB,EMEA,CUSTOMER,1e3,0,1,0,50,0.5,,no,2026-02-01\n"
                + "A-5,Bad arr,SMB,EMEA,CUSTOMER,\"1,000\",0,1,0,50,0.5,,no,\n";
        CsvImportResult result = read(REPS_HEADER + "R-1,Rep,ACTIVE,DUAL,SMB,EMEA,smb-emea,500000,100,2024-01-01\n",
                accounts, new ImportOptions(null, NumberLocale.PLAIN, 1.0));

        assertThat(result.rejections()).extracting(CsvRejection::toString).containsExactly(
                "accounts.csv:3: duplicate account_id A-1 (first on line 2)",
                "accounts.csv:4: account_id: is blank; the column is required (never guessed)",
                "accounts.csv:5: has 3 fields, the header has 14 (an unquoted number with a thousands separator? quote it and pass --locale)",
                "accounts.csv:8: current_arr: '1,000' has a thousands separator or currency symbol; pass --locale (en-US reads 1,234.50, de-DE reads 1.234,50)");
        assertThat(result.rejections()).extracting(CsvRejection::column)
                .containsExactly("account_id", "account_id", "", "current_arr");
        assertThat(result.rejections().get(3).originalRow()).containsExactly(
                "A-5", "Bad arr", "SMB", "EMEA", "CUSTOMER", "1,000", "0", "1", "0", "50", "0.5", "", "no", "");
        assertThat(result.rejectedAccountIds()).as("A-1 is in the export: its first row").containsExactlyInAnyOrder("A-3", "A-5");
        assertThat(result.accounts()).extracting(CrmAccount::accountId).containsExactly("A-1", "A-4");
        assertThat(result.accounts().get(1).name()).isEqualTo("Multi\nline");
        assertThat(result.accounts().get(1).currentArr()).isEqualTo(1_000.0);
        assertThat(result.accounts().get(1).ownerRepId()).isNull();
    }

    @Test
    void shouldRejectABlankRequiredCellInsteadOfGuessingADefault() throws IOException {
        String accounts = ACCOUNTS_HEADER
                + "A-1,Blank arr,SMB,EMEA,CUSTOMER,,200,1,0.1,50,0.5,R-1,false,\n"
                + "A-2,Blank risk and fit,SMB,EMEA,CUSTOMER,100,200,1,,,0.5,R-1,false,\n"
                + "A-3,Fine,SMB,EMEA,CUSTOMER,100,200,1,0.1,50,0.5,,,\n";
        String reps = REPS_HEADER + "R-1,Rep,ACTIVE,DUAL,SMB,EMEA,smb-emea,,100,2024-01-01\n";

        CsvImportResult result = read(reps, accounts, new ImportOptions(null, NumberLocale.PLAIN, 1.0));

        assertThat(result.rejections()).extracting(r -> r.file() + ":" + r.line() + ":" + r.column()).containsExactly(
                "reps.csv:2:quota", "accounts.csv:2:current_arr", "accounts.csv:3:renewal_risk", "accounts.csv:3:icp_fit");
        assertThat(result.rejectedRows()).isEqualTo(3);
        assertThat(result.reps()).isEmpty();
        CrmAccount fine = result.accounts().get(0);
        assertThat(fine.accountId()).isEqualTo("A-3");
        assertThat(fine.ownerRepId()).as("a blank owner is the unassigned pool, as PRODUCT.md says").isNull();
        assertThat(fine.locked()).as("documented default of an optional column").isFalse();
    }

    @Test
    void shouldRefuseTheExportNamingEveryMissingColumnOfBothFilesAtOnce() {
        assertThatThrownBy(() -> read("rep_id,name,status\nR-1,x,ACTIVE\n", "account_id,name,region\nA-1,x,EMEA\n"))
                .isInstanceOfSatisfying(ExportRefusedException.class, e -> {
                    assertThat(e.reasons()).hasSize(2);
                    assertThat(e.reasons().get(0)).startsWith("reps.csv:1: missing required column(s) motion, segment, region, team, quota, capacity_accounts");
                    assertThat(e.reasons().get(1)).startsWith("accounts.csv:1: missing required column(s) segment, status, "
                            + "current_arr, whitespace_arr, buying_capacity, renewal_risk, icp_fit, propensity, owner_rep_id");
                });
    }

    @Test
    void shouldRefuseTheExportWhenMoreThanTheAllowedShareOfRowsIsRejected() throws IOException {
        StringBuilder accounts = new StringBuilder(ACCOUNTS_HEADER);
        for (int i = 0; i < 18; i++) {
            accounts.append("A-").append(i).append(",n,SMB,EMEA,CUSTOMER,100,200,1,0.1,50,0.5,,false,\n");
        }
        accounts.append("A-18,n,SMB,EMEA,CUSTOMER,-1,200,1,0.1,50,0.5,,false,\n");
        accounts.append("A-19,n,SMB,EMEA,CUSTOMER,100,200,1,1.7,50,0.5,,false,\n");

        assertThatThrownBy(() -> read(REPS_HEADER, accounts.toString(), ImportOptions.defaults()))
                .isInstanceOfSatisfying(ExportRefusedException.class, e -> {
                    assertThat(e.reasons()).singleElement().asString()
                            .startsWith("accounts.csv: 2 of 20 rows rejected (10%), more than --max-rejects 0.05 allows");
                    assertThat(e.rejections()).hasSize(2);
                });
        CsvImportResult lenient = read(REPS_HEADER, accounts.toString(), new ImportOptions(null, NumberLocale.PLAIN, 0.10));
        assertThat(lenient.accounts()).hasSize(18);
    }

    @Test
    void shouldWarnAboutColumnsThatAreNotCrmColumns() throws IOException {
        CsvImportResult result = read(REPS_HEADER, ACCOUNTS_HEADER.strip() + ",favourite_colour\n"
                + "A-1,One,SMB,EMEA,PROSPECT,0,200,1,0,50,0.5,,false,,blue\n");

        assertThat(result.accounts()).hasSize(1);
        assertThat(result.warnings()).containsExactly("accounts.csv: column 'favourite_colour' is not a CRM column (mapping native); ignored");
    }

    @Test
    void shouldReadASalesforceExportWithAThousandsSeparatorLocale() throws IOException {
        String reps = "User ID,Full Name,Rep Status,Sales Motion,Segment,Region,Sales Team,Annual Quota,Account Capacity,Start Date\n"
                + "005A1,Ada Chen,Active,Dual,Mid Market,NA-EAST,mm-na,\"$1,000,000.00\",40,2022-03-01\n";
        String accounts = "Account ID,Account Name,Segment,Region,Account Status,Annual Recurring Revenue,Whitespace ARR,"
                + "Buying Capacity,Renewal Risk,ICP Fit,Propensity,Account Owner ID,Billing Country\n"
                + "001X1,\"Harbor, Inc\",Mid Market,NA-EAST,Customer,\"137,800.00\",\"$250,000\",0.9,0.1,60,0.5,005A1,US\n";

        CsvImportResult result = read(reps, accounts, new ImportOptions(null, NumberLocale.parse("en-US"), 0.05));

        assertThat(result.repsMapping()).isEqualTo("salesforce");
        assertThat(result.accountsMapping()).isEqualTo("salesforce");
        assertThat(result.rejections()).isEmpty();
        assertThat(result.reps().get(0).quota()).isEqualTo(1_000_000.0);
        assertThat(result.reps().get(0).team()).isEqualTo("mm-na");
        CrmAccount harbor = result.accounts().get(0);
        assertThat(harbor.accountId()).isEqualTo("001X1");
        assertThat(harbor.currentArr()).isEqualTo(137_800.0);
        assertThat(harbor.whitespaceArr()).isEqualTo(250_000.0);
        assertThat(harbor.ownerRepId()).isEqualTo("005A1");
        assertThat(harbor.country()).isEqualTo("US");
    }

    @Test
    void shouldNameTheSalesforceHeadersOfMissingColumnsWhenTheMappingIsChosen() {
        String accounts = "Account ID,Account Name,Segment,Region,Account Status\n001X1,Harbor,SMB,EMEA,Customer\n";

        assertThatThrownBy(() -> read(REPS_HEADER, accounts, new ImportOptions(HeaderMapping.SALESFORCE, NumberLocale.PLAIN, 0.05)))
                .isInstanceOfSatisfying(ExportRefusedException.class, e -> assertThat(e.reasons()).singleElement().asString()
                        .contains("current_arr (salesforce: Annual Recurring Revenue, ARR, ARR__c)")
                        .contains("owner_rep_id (salesforce: Account Owner ID, OwnerId)"));
    }

    @Test
    void shouldReadAHubSpotExportAndAMappingFileForAnyOtherCrm() throws IOException {
        String hubspotAccounts = "Record ID,Company name,Segment,Region,Account status,Annual recurring revenue,Whitespace ARR,"
                + "Buying capacity,Renewal risk,ICP fit,Propensity,Company owner ID\n"
                + "9001,Acme,SMB,EMEA,Prospect,0,50000,1,0,70,0.6,77\n";
        String hubspotReps = "Owner ID,Name,Rep status,Sales motion,Segment,Region,Team,Annual quota,Account capacity\n"
                + "77,Bea,ACTIVE,NEW_BUSINESS,SMB,EMEA,smb-emea,300000,80\n";
        CsvImportResult hubspot = read(hubspotReps, hubspotAccounts);
        assertThat(hubspot.accountsMapping()).isEqualTo("hubspot");
        assertThat(hubspot.accounts()).singleElement().satisfies(a -> {
            assertThat(a.accountId()).isEqualTo("9001");
            assertThat(a.ownerRepId()).isEqualTo("77");
            assertThat(a.icpFit()).isEqualTo(70.0);
        });

        HeaderMapping custom = HeaderMapping.parse("zoho.mapping", List.of(
                "# Zoho CRM export", "accounts.account_id = Acct No", "accounts.current_arr = ARR (EUR)|ARR",
                "reps.rep_id = Employee"));
        String accounts = ACCOUNTS_HEADER.replace("account_id", "Acct No").replace("current_arr", "ARR (EUR)")
                + "Z-1,Zed,SMB,EMEA,CUSTOMER,\"1.234,50\",0,1,0,50,\"0,5\",,false,\n";
        CsvImportResult zoho = read(REPS_HEADER.replace("rep_id", "Employee"), accounts,
                new ImportOptions(custom, NumberLocale.parse("de-DE"), 0.05));
        assertThat(zoho.accountsMapping()).isEqualTo("zoho.mapping");
        assertThat(zoho.accounts()).singleElement().satisfies(a -> {
            assertThat(a.currentArr()).isEqualTo(1_234.5);
            assertThat(a.propensity()).isEqualTo(0.5);
        });
    }

    @Test
    void shouldExplainABadMappingFileLineByLine() {
        assertThatThrownBy(() -> HeaderMapping.parse("m", List.of("accounts.arr = ARR", "deals.x = Y", "no equals")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("m:1: 'arr' is not a column of accounts")
                .hasMessageContaining("m:2: unknown table 'deals'")
                .hasMessageContaining("m:3: expected");
    }

    private static CsvImportResult readExample() throws IOException {
        try (Reader reps = resource("reps.csv"); Reader accounts = resource("accounts.csv")) {
            return CsvImport.read("reps.csv", reps, "accounts.csv", accounts, new ImportOptions(null, NumberLocale.PLAIN, 0.2));
        }
    }

    private static CsvImportResult read(String reps, String accounts) throws IOException {
        return read(reps, accounts, ImportOptions.defaults());
    }

    private static CsvImportResult read(String reps, String accounts, ImportOptions options) throws IOException {
        return CsvImport.read("reps.csv", new StringReader(reps), "accounts.csv", new StringReader(accounts), options);
    }

    private static Reader resource(String name) {
        return new InputStreamReader(Objects.requireNonNull(
                CsvImportTest.class.getResourceAsStream("/example-export/" + name)), StandardCharsets.UTF_8);
    }
}
