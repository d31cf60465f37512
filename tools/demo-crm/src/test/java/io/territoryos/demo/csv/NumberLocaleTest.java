package io.territoryos.demo.csv;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NumberLocaleTest {

    @Test
    void shouldReadOnlyPlainNumbersByDefaultAndSayWhichOptionReadsTheRest() {
        NumberLocale plain = NumberLocale.PLAIN;

        assertThat(plain.read("1234.50")).isEqualByComparingTo("1234.50");
        assertThat(plain.read("-3")).isEqualByComparingTo("-3");
        assertThat(plain.read("1e6")).isEqualByComparingTo("1000000");
        assertThatThrownBy(() -> plain.read("1,234.50")).hasMessageContaining("pass --locale");
        assertThatThrownBy(() -> plain.read("$1234")).hasMessageContaining("currency symbol; pass --locale");
        assertThatThrownBy(() -> plain.read("lots")).hasMessage("'lots' is not a number");
    }

    @Test
    void shouldReadGroupingDecimalsAndCurrencyOfTheNamedLocale() {
        NumberLocale us = NumberLocale.parse("en-US");
        NumberLocale de = NumberLocale.parse("de-DE");

        assertThat(us.read("1,234.50")).isEqualByComparingTo(new BigDecimal("1234.50"));
        assertThat(us.read("$137,800.00")).isEqualByComparingTo("137800");
        assertThat(us.read("USD 2,000,000")).isEqualByComparingTo("2000000");
        assertThat(us.read("0.62")).isEqualByComparingTo("0.62");
        assertThat(de.read("1.234,50")).isEqualByComparingTo("1234.50");
        assertThat(de.read("1.234,50 €")).isEqualByComparingTo("1234.50");
        assertThat(de.read("0,62")).isEqualByComparingTo("0.62");
    }

    @Test
    void shouldRejectANumberWrittenForAnotherLocale() {
        assertThatThrownBy(() -> NumberLocale.parse("de-DE").read("1,234.50"))
                .hasMessage("'1,234.50' is not a number in de-DE (e.g. 1.234,50)");
        assertThatThrownBy(() -> NumberLocale.parse("en-US").read("12,34"))
                .hasMessageContaining("is not a number in en-US");
        assertThatThrownBy(() -> NumberLocale.parse("!!")).hasMessageContaining("is not a language tag");
    }
}
