package io.territoryos.demo.messaging;

import io.territoryos.contracts.avro.AccountStatus;
import io.territoryos.contracts.avro.Segment;
import io.territoryos.contracts.cdc.ChangeOp;
import io.territoryos.contracts.crm.CrmAccount;
import io.territoryos.demo.cdc.CdcFormat;
import io.territoryos.demo.cdc.CdcRecord;
import io.territoryos.demo.cdc.DebeziumEventWriter;
import io.territoryos.demo.cdc.DecimalMode;
import io.territoryos.demo.cdc.Envelope;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class AccountViewTest {

    private static final CrmAccount ACCOUNT = new CrmAccount("A-1", "Acme", Segment.MID_MARKET, "Software", "NA-EAST",
            "US", 40.0, -74.0, AccountStatus.CUSTOMER, 100_000.0, 20_000.0, 1.0, 0.0, 50.0, 0.5,
            CrmAccount.ProcurementStage.NONE, "R-1", false, 1_000L, LocalDate.of(2026, 6, 30));

    private final DebeziumEventWriter writer = new DebeziumEventWriter(CdcFormat.defaults()
            .with(Envelope.WRAPPED, DecimalMode.PRECISE));
    private final AccountView view = new AccountView();

    private void fold(CdcRecord record) {
        assertThat(view.apply(record.key(), record.value())).isNull();
    }

    @Test
    void shouldKeepTheLatestRowAndTheChangeIdsOfRequestedUpdates() {
        fold(writer.account(ChangeOp.READ, ACCOUNT, 1L));
        fold(writer.accountUpdateFor("P-1:A-1", ACCOUNT.withOwner("R-2"), 2L));

        assertThat(view.account("A-1")).isEqualTo(ACCOUNT.withOwner("R-2"));
        assertThat(view.wasApplied("P-1:A-1")).isTrue();
        assertThat(view.wasApplied("P-2:A-1")).isFalse();
    }

    @Test
    void shouldForgetAnAccountOnDeleteAndTombstone() {
        fold(writer.account(ChangeOp.READ, ACCOUNT, 1L));
        fold(writer.accountDelete("A-1", 2L));
        fold(writer.accountTombstone("A-1"));

        assertThat(view.account("A-1")).isNull();
        assertThat(view.size()).isZero();
    }

    @Test
    void shouldNotKeepAnOlderRowWhenTheLatestOneCannotBeRead() {
        fold(writer.account(ChangeOp.READ, ACCOUNT, 1L));
        byte[] badRow = writer.account(ChangeOp.UPDATE, ACCOUNT, 2L).valueText()
                .replace("\"MID_MARKET\"", "\"MIDMARKET\"").getBytes(StandardCharsets.UTF_8);

        String problem = view.apply(writer.accountTombstone("A-1").key(), badRow);

        assertThat(problem).contains("MIDMARKET");
        assertThat(view.account("A-1")).isNull();
        assertThat(view.unreadableReason("A-1")).contains("MIDMARKET");
    }
}
