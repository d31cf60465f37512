package io.territoryos.demo.csv;

import java.math.BigDecimal;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How numbers in an export are written. By default only plain numbers ({@code 1234.50}, {@code -3}, {@code 1e6}) are
 * read: a grouping separator or a currency symbol is ambiguous ({@code 1,234} is a thousand in en-US and one in
 * de-DE), so such a cell rejects its row until the user names the locale. With a locale, its grouping separator
 * (in groups of three), its decimal separator and a leading or trailing currency symbol or ISO code are read.
 */
public final class NumberLocale {

    public static final NumberLocale PLAIN = new NumberLocale(null, '.', (char) 0);

    private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    /** Currency symbols and ISO codes an export may put around an amount. */
    private static final Pattern CURRENCY = Pattern.compile("^(?:[$€£¥₹]|[A-Z]{3}\\s?)|(?:\\s?[$€£¥₹]|\\s?[A-Z]{3})$");

    private final String tag;
    private final char decimal;
    private final char grouping;

    private NumberLocale(String tag, char decimal, char grouping) {
        this.tag = tag;
        this.decimal = decimal;
        this.grouping = grouping;
    }

    /** {@code plain}, or a BCP 47 tag such as {@code en-US}, {@code de-DE}, {@code fr-FR}. */
    public static NumberLocale parse(String tag) {
        if (tag == null || tag.isBlank() || tag.equalsIgnoreCase("plain")) {
            return PLAIN;
        }
        Locale locale = Locale.forLanguageTag(tag);
        if (locale.getLanguage().isEmpty()) {
            throw new IllegalArgumentException("--locale '" + tag + "' is not a language tag (e.g. en-US, de-DE, plain)");
        }
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(locale);
        char grouping = symbols.getGroupingSeparator();
        // fr-FR groups with a narrow no-break space; exports write a plain or no-break space too
        return new NumberLocale(locale.toLanguageTag(), symbols.getDecimalSeparator(),
                Character.isSpaceChar(grouping) ? ' ' : grouping);
    }

    public String tag() {
        return tag == null ? "plain" : tag;
    }

    /**
     * The number a cell holds.
     *
     * @throws IllegalArgumentException with the reason, naming {@code --locale} when that would read the cell
     */
    public BigDecimal read(String cell) {
        String text = cell.trim();
        if (tag == null) {
            if (PLAIN_NUMBER.matcher(text).matches()) {
                return new BigDecimal(text);
            }
            if (text.matches("[$€£¥₹A-Z\\s]*[+-]?[\\d.,\\s\u00a0\u202f']+[$€£¥₹A-Z\\s]*")) {
                throw new IllegalArgumentException("'" + cell + "' has a thousands separator or currency symbol;"
                        + " pass --locale (en-US reads 1,234.50, de-DE reads 1.234,50)");
            }
            throw new IllegalArgumentException("'" + cell + "' is not a number");
        }
        String amount = CURRENCY.matcher(text).replaceAll("").trim();
        if (grouping == ' ') {
            amount = amount.replace('\u00a0', ' ').replace('\u202f', ' ');
        }
        String groupingRegex = Pattern.quote(String.valueOf(grouping));
        String decimalRegex = Pattern.quote(String.valueOf(decimal));
        Pattern localized = Pattern.compile("[+-]?(\\d{1,3}(" + groupingRegex + "\\d{3})+|\\d+)(" + decimalRegex + "\\d+)?");
        if (!localized.matcher(amount).matches()) {
            throw new IllegalArgumentException("'" + cell + "' is not a number in " + tag + " (" + example() + ")");
        }
        String canonical = amount.replace(String.valueOf(grouping), "").replace(decimal, '.');
        return new BigDecimal(canonical);
    }

    private String example() {
        return "e.g. 1" + (grouping == ' ' ? " " : String.valueOf(grouping)) + "234" + decimal + "50";
    }

    @Override
    public String toString() {
        return tag();
    }
}
