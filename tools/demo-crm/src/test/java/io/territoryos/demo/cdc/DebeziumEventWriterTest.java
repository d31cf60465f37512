package io.territoryos.demo.cdc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.territoryos.contracts.avro.AccountStatus;
import io.territoryos.contracts.avro.Motion;
import io.territoryos.contracts.avro.RepStatus;
import io.territoryos.contracts.avro.Segment;
import io.territoryos.contracts.cdc.ChangeEvent;
import io.territoryos.contracts.cdc.ChangeOp;
import io.territoryos.contracts.cdc.DebeziumDecoder;
import io.territoryos.contracts.crm.CrmAccount;
import io.territoryos.contracts.crm.CrmRep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.Base64;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DebeziumEventWriterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CrmAccount ACCOUNT = new CrmAccount("A-000042", "Harbor \"Blue\" Analytics, Inc", Segment.MID_MARKET,
            "Software", "NA-EAST", "US", 40.7128, -74.006, AccountStatus.CUSTOMER, 12_345_678.91, 250_000.0, 0.85,
            0.12, 63.4, 0.57, CrmAccount.ProcurementStage.EVALUATION, "R-0007", true, 1_767_000_000_000L,
            LocalDate.of(2026, 6, 30));
    private static final CrmRep REP = new CrmRep("R-0007", "Ada Chen", RepStatus.RAMPING, Motion.DUAL,
            Segment.MID_MARKET, "NA-EAST", "mm-east", 1_000_000.0, 70, LocalDate.of(2025, 11, 3));

    static Stream<Arguments> formats() {
        return Stream.of(
                Arguments.of(Envelope.PLAIN, DecimalMode.DOUBLE),
                Arguments.of(Envelope.PLAIN, DecimalMode.STRING),
                Arguments.of(Envelope.WRAPPED, DecimalMode.DOUBLE),
                Arguments.of(Envelope.WRAPPED, DecimalMode.STRING),
                Arguments.of(Envelope.WRAPPED, DecimalMode.PRECISE));
    }

    @ParameterizedTest(name = "{0} envelope, {1} decimals")
    @MethodSource("formats")
    void shouldWriteAccountsAndRepsThatTheDecoderReadsBackUnchanged(Envelope envelope, DecimalMode decimals) {
        DebeziumEventWriter writer = new DebeziumEventWriter(CdcFormat.defaults().with(envelope, decimals));

        CdcRecord accountRecord = writer.account(ChangeOp.READ, ACCOUNT, 1_000L);
        ChangeEvent account = DebeziumDecoder.decode(accountRecord.key(), accountRecord.value(), CrmAccount.ID_FIELD);
        CdcRecord repRecord = writer.rep(ChangeOp.UPDATE, REP, 2_000L);
        ChangeEvent rep = DebeziumDecoder.decode(repRecord.key(), repRecord.value(), CrmRep.ID_FIELD);

        assertThat(account.op()).isEqualTo(ChangeOp.READ);
        assertThat(account.tsMs()).isEqualTo(1_000L);
        assertThat(CrmAccount.from(account.id(), account.after())).isEqualTo(ACCOUNT);
        assertThat(rep.op()).isEqualTo(ChangeOp.UPDATE);
        assertThat(CrmRep.from(rep.id(), rep.after())).isEqualTo(REP);
        assertThat(accountRecord.topic()).isEqualTo("crm.accounts");
        assertThat(repRecord.topic()).isEqualTo("crm.reps");
    }

    @Test
    void shouldWriteThePlainDebeziumEnvelope() throws IOException {
        DebeziumEventWriter writer = new DebeziumEventWriter(CdcFormat.defaults());
        CdcRecord record = writer.account(ChangeOp.CREATE, ACCOUNT, 1_234L);
        JsonNode value = JSON.readTree(record.value());

        assertThat(record.keyText()).isEqualTo("{\"account_id\":\"A-000042\"}");
        assertThat(value.fieldNames()).toIterable().containsExactly("before", "after", "source", "op", "ts_ms");
        assertThat(value.get("before").isNull()).isTrue();
        assertThat(value.path("op").asText()).isEqualTo("c");
        assertThat(value.path("source").path("connector").asText()).isEqualTo("demo-crm");
        assertThat(value.path("source").path("table").asText()).isEqualTo("accounts");
        assertThat(value.path("after").path("current_arr").isNumber()).isTrue();
        assertThat(value.path("after").fieldNames()).toIterable().containsExactlyElementsOf(CrmTable.ACCOUNTS.columnNames());
    }

    @Test
    void shouldDescribePreciseDecimalsInTheSchemaWithTheirScale() throws IOException {
        DebeziumEventWriter writer = new DebeziumEventWriter(CdcFormat.defaults().with(Envelope.WRAPPED, DecimalMode.PRECISE));
        CdcRecord record = writer.account(ChangeOp.READ, ACCOUNT, 1L);
        JsonNode root = JSON.readTree(record.value());
        JsonNode afterSchema = null;
        for (JsonNode field : root.path("schema").path("fields")) {
            if (field.path("field").asText().equals("after")) {
                afterSchema = field;
            }
        }
        JsonNode arrSchema = null;
        for (JsonNode column : afterSchema.path("fields")) {
            if (column.path("field").asText().equals("current_arr")) {
                arrSchema = column;
            }
        }
        String encoded = root.path("payload").path("after").path("current_arr").asText();

        assertThat(arrSchema.path("type").asText()).isEqualTo("bytes");
        assertThat(arrSchema.path("name").asText()).isEqualTo("org.apache.kafka.connect.data.Decimal");
        assertThat(arrSchema.path("parameters").path("scale").asText()).isEqualTo("2");
        assertThat(new BigDecimal(new BigInteger(Base64.getDecoder().decode(encoded)), 2))
                .isEqualByComparingTo("12345678.91");
        assertThat(JSON.readTree(record.key()).path("payload").path("account_id").asText()).isEqualTo("A-000042");
    }

    @Test
    void shouldWriteStringDecimalsWithTwoDecimals() throws IOException {
        DebeziumEventWriter writer = new DebeziumEventWriter(CdcFormat.defaults().withDecimals(DecimalMode.STRING));
        JsonNode after = JSON.readTree(writer.account(ChangeOp.READ, ACCOUNT, 1L).value()).path("after");

        assertThat(after.path("current_arr").asText()).isEqualTo("12345678.91");
        assertThat(after.path("whitespace_arr").asText()).isEqualTo("250000.00");
        assertThat(after.path("renewal_risk").isNumber()).isTrue(); // double precision column, not a DECIMAL
    }

    @ParameterizedTest(name = "{0} envelope, {1} decimals")
    @MethodSource("formats")
    void shouldDeleteWithOnlyTheKeyInBeforeAndThenWriteATombstone(Envelope envelope, DecimalMode decimals) throws IOException {
        DebeziumEventWriter writer = new DebeziumEventWriter(CdcFormat.defaults().with(envelope, decimals));
        CdcRecord delete = writer.accountDelete("A-000042", 5L);
        CdcRecord tombstone = writer.accountTombstone("A-000042");

        ChangeEvent deleted = DebeziumDecoder.decode(delete.key(), delete.value(), CrmAccount.ID_FIELD);
        ChangeEvent gone = DebeziumDecoder.decode(tombstone.key(), tombstone.value(), CrmAccount.ID_FIELD);
        JsonNode value = JSON.readTree(delete.value());
        JsonNode before = (envelope == Envelope.WRAPPED ? value.path("payload") : value).path("before");

        assertThat(deleted.op()).isEqualTo(ChangeOp.DELETE);
        assertThat(deleted.id()).isEqualTo("A-000042");
        assertThat(before.path("account_id").asText()).isEqualTo("A-000042");
        assertThat(before.path("current_arr").isNull()).isTrue();
        assertThat(before.path("owner_rep_id").isNull()).isTrue();
        assertThat(tombstone.tombstone()).isTrue();
        assertThat(tombstone.key()).isEqualTo(delete.key());
        assertThat(gone.tombstone()).isTrue();
        assertThat(gone.id()).isEqualTo("A-000042");
    }

    @ParameterizedTest(name = "{0} envelope, {1} decimals")
    @MethodSource("formats")
    void shouldWriteARequestedUpdateThatNamesItsChangeInSourceAndDecodesBack(Envelope envelope, DecimalMode decimals)
            throws IOException {
        DebeziumEventWriter writer = new DebeziumEventWriter(CdcFormat.defaults().with(envelope, decimals));
        CrmAccount moved = ACCOUNT.withOwner("R-0009");

        CdcRecord record = writer.accountUpdateFor("P-1:A-000042", moved, 9_000L);
        ChangeEvent event = DebeziumDecoder.decode(record.key(), record.value(), CrmAccount.ID_FIELD);
        JsonNode root = JSON.readTree(record.value());
        JsonNode value = envelope == Envelope.WRAPPED ? root.path("payload") : root;

        assertThat(event.op()).isEqualTo(ChangeOp.UPDATE);
        assertThat(event.tsMs()).isEqualTo(9_000L);
        assertThat(CrmAccount.from(event.id(), event.after())).isEqualTo(moved);
        assertThat(value.get("before").isNull()).isTrue();
        assertThat(value.path("source").path("connector").asText()).isEqualTo("demo-crm");
        assertThat(value.path("source").path("change_id").asText()).isEqualTo("P-1:A-000042");
        assertThat(record.key()).isEqualTo(writer.account(ChangeOp.READ, ACCOUNT, 1L).key());
        if (envelope == Envelope.WRAPPED) {
            assertThat(root.path("schema").toString()).contains("\"field\":\"change_id\"");
        }
    }

    @Test
    void shouldKeepTheSnapshotSchemaFreeOfTheRequestField() {
        DebeziumEventWriter writer = new DebeziumEventWriter(CdcFormat.defaults().with(Envelope.WRAPPED, DecimalMode.PRECISE));

        assertThat(writer.account(ChangeOp.READ, ACCOUNT, 1L).valueText()).doesNotContain("change_id");
    }

    @Test
    void shouldRefuseToPutADeleteThroughTheChangePath() {
        DebeziumEventWriter writer = new DebeziumEventWriter(CdcFormat.defaults());

        assertThatThrownBy(() -> writer.account(ChangeOp.DELETE, ACCOUNT, 1L)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRefusePreciseDecimalsWithoutTheSchemaWrapper() {
        assertThatThrownBy(() -> CdcFormat.defaults().withDecimals(DecimalMode.PRECISE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wrapped");
    }

    @Test
    void shouldDeclareTheColumnsTheContractRowsCarry() {
        assertThat(CrmTable.ACCOUNTS.columnNames()).containsExactlyElementsOf(ACCOUNT.toRow().keySet());
        assertThat(CrmTable.REPS.columnNames()).containsExactlyElementsOf(REP.toRow().keySet());
    }
}
