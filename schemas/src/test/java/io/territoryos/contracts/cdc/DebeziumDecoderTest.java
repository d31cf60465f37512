package io.territoryos.contracts.cdc;

import io.territoryos.contracts.avro.AccountStatus;
import io.territoryos.contracts.avro.Segment;
import io.territoryos.contracts.crm.CrmAccount;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DebeziumDecoderTest {

    private static final String ROW = """
            {"account_id":"A-1","name":"Acme","segment":"MID_MARKET","region":"NA-EAST","status":"CUSTOMER",
             "current_arr":%s,"whitespace_arr":250000,"buying_capacity":1,"renewal_risk":0,"icp_fit":50,
             "propensity":0.6,"owner_rep_id":"R-1","locked":false,"last_activity_at":1700000000000,"renewal_date":19800}""";

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String envelope(String op, String after) {
        return "{\"before\":null,\"after\":" + after + ",\"source\":{\"connector\":\"test\"},\"op\":\"" + op + "\",\"ts_ms\":1700000000123}";
    }

    @Test
    void shouldDecodePlainEnvelopeWithWrappedKeyAndNumberDecimals() {
        ChangeEvent event = DebeziumDecoder.decode(bytes("{\"account_id\":\"A-1\"}"),
                bytes(envelope("c", ROW.formatted("100000.50"))), CrmAccount.ID_FIELD);

        assertThat(event.id()).isEqualTo("A-1");
        assertThat(event.op()).isEqualTo(ChangeOp.CREATE);
        assertThat(event.tsMs()).isEqualTo(1700000000123L);
        CrmAccount account = CrmAccount.from(event.id(), event.after());
        assertThat(account.currentArr()).isEqualTo(100000.50);
        assertThat(account.segment()).isEqualTo(Segment.MID_MARKET);
        assertThat(account.status()).isEqualTo(AccountStatus.CUSTOMER);
        assertThat(account.renewalDate()).isEqualTo(LocalDate.ofEpochDay(19800));
        assertThat(account.lastActivityAt()).isEqualTo(1700000000000L);
    }

    @Test
    void shouldDecodeStringDecimalsAndSchemaWrappedKey() {
        String key = "{\"schema\":{\"type\":\"struct\"},\"payload\":{\"account_id\":\"A-1\"}}";
        ChangeEvent event = DebeziumDecoder.decode(bytes(key), bytes(envelope("u", ROW.formatted("\"100000.50\""))), "account_id");

        assertThat(event.id()).isEqualTo("A-1");
        assertThat(event.after().decimal("current_arr")).isEqualByComparingTo("100000.50");
    }

    @Test
    void shouldDecodePreciseBase64DecimalsUsingTheScaleOfTheWrapperSchema() {
        String unscaled = Base64.getEncoder().encodeToString(BigInteger.valueOf(10000050).toByteArray());
        String schema = """
                {"type":"struct","fields":[
                  {"field":"before","type":"struct","fields":[]},
                  {"field":"after","type":"struct","fields":[
                    {"field":"current_arr","type":"bytes","name":"org.apache.kafka.connect.data.Decimal","parameters":{"scale":"2"}}]},
                  {"field":"op","type":"string"}]}""";
        String value = "{\"schema\":" + schema + ",\"payload\":" + envelope("r", ROW.formatted("\"" + unscaled + "\"")) + "}";

        ChangeEvent event = DebeziumDecoder.decode(bytes("{\"account_id\":\"A-1\"}"), bytes(value), "account_id");

        assertThat(event.op()).isEqualTo(ChangeOp.READ);
        assertThat(event.after().decimal("current_arr")).isEqualTo(new BigDecimal("100000.50"));
    }

    @Test
    void shouldTreatNullValueAsTombstoneAndDeleteWithKeyOnlyBefore() {
        ChangeEvent tombstone = DebeziumDecoder.decode(bytes("{\"account_id\":\"A-1\"}"), (byte[]) null, "account_id");
        assertThat(tombstone.tombstone()).isTrue();
        assertThat(tombstone.removesRow()).isTrue();

        String delete = "{\"before\":{\"account_id\":\"A-1\",\"name\":null},\"after\":null,\"op\":\"d\",\"ts_ms\":5}";
        ChangeEvent deleted = DebeziumDecoder.decode(bytes("{\"schema\":{},\"payload\":null}"), bytes(delete), "account_id");
        assertThat(deleted.id()).isEqualTo("A-1");
        assertThat(deleted.op()).isEqualTo(ChangeOp.DELETE);
        assertThat(deleted.after()).isNull();
    }

    @Test
    void shouldDecodeFlattenedRowsOfTheExtractNewRecordStateTransform() {
        String row = ROW.formatted("1").replace("}", ",\"__op\":\"u\",\"__deleted\":\"false\"}");
        ChangeEvent event = DebeziumDecoder.decode(bytes("\"A-1\""), bytes(row), "account_id");
        assertThat(event.op()).isEqualTo(ChangeOp.UPDATE);

        String deletedRow = "{\"account_id\":\"A-2\",\"__deleted\":\"true\"}";
        assertThat(DebeziumDecoder.decode(bytes("\"A-2\""), bytes(deletedRow), "account_id").op()).isEqualTo(ChangeOp.DELETE);
    }

    @Test
    void shouldTakeTheIdFromTheRowWhenTheKeyHoldsNone() {
        String nullPayload = "{\"schema\":{\"type\":\"struct\"},\"payload\":null}";
        assertThat(DebeziumDecoder.decode(bytes(nullPayload), bytes(envelope("c", ROW.formatted("1"))), "account_id").id())
                .isEqualTo("A-1");
        assertThat(DebeziumDecoder.decode(bytes("\"  \""), bytes(envelope("c", ROW.formatted("1"))), "account_id").id())
                .isEqualTo("A-1");
        assertThatThrownBy(() -> DebeziumDecoder.decode(bytes("{\"account_id\":null}"), (byte[]) null, "account_id"))
                .isInstanceOfSatisfying(CdcDecodingException.class, e -> assertThat(e.type()).isEqualTo(CdcDecodingException.ErrorType.MISSING_KEY));
    }

    @Test
    void shouldRejectRecordsWithTheClassOfFailure() {
        assertThatThrownBy(() -> DebeziumDecoder.decode(bytes("{\"account_id\":\"A-1\"}"), bytes("{not json"), "account_id"))
                .isInstanceOfSatisfying(CdcDecodingException.class, e -> assertThat(e.type()).isEqualTo(CdcDecodingException.ErrorType.PARSE));
        assertThatThrownBy(() -> DebeziumDecoder.decode(null, bytes(envelope("c", "{\"name\":\"x\"}")), "account_id"))
                .isInstanceOfSatisfying(CdcDecodingException.class, e -> assertThat(e.type()).isEqualTo(CdcDecodingException.ErrorType.MISSING_KEY));
        assertThatThrownBy(() -> DebeziumDecoder.decode(bytes("\"A-1\""), bytes(envelope("x", "{}")), "account_id"))
                .hasMessageContaining("unknown op 'x'");
    }

    @Test
    void shouldRejectAccountRowsOutsideTheirRangesWithAReason() {
        ChangeEvent risky = DebeziumDecoder.decode(bytes("{\"account_id\":\"A-1\"}"),
                bytes(envelope("c", ROW.formatted("1").replace("\"renewal_risk\":0", "\"renewal_risk\":1.7"))), "account_id");
        assertThatThrownBy(() -> CrmAccount.from(risky.id(), risky.after()))
                .isInstanceOfSatisfying(CdcDecodingException.class, e -> {
                    assertThat(e.type()).isEqualTo(CdcDecodingException.ErrorType.RANGE);
                    assertThat(e.getMessage()).isEqualTo("renewal_risk 1.7 outside 0..1");
                });
        ChangeEvent negative = DebeziumDecoder.decode(bytes("{\"account_id\":\"A-1\"}"),
                bytes(envelope("c", ROW.formatted("-5"))), "account_id");
        assertThatThrownBy(() -> CrmAccount.from(negative.id(), negative.after())).hasMessageContaining("current_arr -5.0");
        ChangeEvent unknown = DebeziumDecoder.decode(bytes("{\"account_id\":\"A-1\"}"),
                bytes(envelope("c", ROW.formatted("1").replace("MID_MARKET", "GOVERNMENT"))), "account_id");
        assertThatThrownBy(() -> CrmAccount.from(unknown.id(), unknown.after()))
                .isInstanceOfSatisfying(CdcDecodingException.class, e -> assertThat(e.type()).isEqualTo(CdcDecodingException.ErrorType.UNKNOWN_VALUE));
    }

    @Test
    void shouldRejectKeylessRecordsEvenWhenTheRowNamesAnId() {
        byte[] value = bytes(envelope("c", ROW.formatted("1")));
        for (byte[] key : new byte[][]{null, new byte[0]}) {
            assertThatThrownBy(() -> DebeziumDecoder.decode(key, value, "account_id"))
                    .isInstanceOfSatisfying(CdcDecodingException.class, e -> {
                        assertThat(e.type()).isEqualTo(CdcDecodingException.ErrorType.MISSING_KEY);
                        assertThat(e.getMessage()).contains("key");
                    });
        }
        assertThatThrownBy(() -> DebeziumDecoder.decode(null, (byte[]) null, "account_id"))
                .hasMessageContaining("no key");
    }

    @Test
    void shouldSayAJsonValueThatIsNoEnvelopeIsNone() {
        assertThatThrownBy(() -> DebeziumDecoder.decode(bytes("\"A-1\""), bytes("{\"hello\":\"world\"}"), "account_id"))
                .isInstanceOfSatisfying(CdcDecodingException.class, e -> {
                    assertThat(e.type()).isEqualTo(CdcDecodingException.ErrorType.PARSE);
                    assertThat(e.getMessage()).startsWith("not a Debezium envelope: no before/after/op");
                });
    }

    @Test
    void shouldRejectANullOrMissingRequiredNumberNamingTheFieldInsteadOfReadingZero() {
        ChangeEvent nullWhitespace = DebeziumDecoder.decode(bytes("\"A-1\""),
                bytes(envelope("c", ROW.formatted("1").replace("\"whitespace_arr\":250000", "\"whitespace_arr\":null"))), "account_id");
        assertThatThrownBy(() -> CrmAccount.from(nullWhitespace.id(), nullWhitespace.after()))
                .isInstanceOfSatisfying(CdcDecodingException.class, e -> {
                    assertThat(e.type()).isEqualTo(CdcDecodingException.ErrorType.MISSING_FIELD);
                    assertThat(e.getMessage()).isEqualTo("whitespace_arr is null but required");
                });
        ChangeEvent noRisk = DebeziumDecoder.decode(bytes("\"A-1\""),
                bytes(envelope("c", ROW.formatted("1").replace("\"renewal_risk\":0,", ""))), "account_id");
        assertThatThrownBy(() -> CrmAccount.from(noRisk.id(), noRisk.after()))
                .hasMessage("renewal_risk is missing but required");
    }
}
