package io.territoryos.demo.csv;

/**
 * How to read an export.
 *
 * @param mapping        the header mapping, or null to detect it per file (native, Salesforce or HubSpot)
 * @param locale         how numbers are written ({@link NumberLocale#PLAIN} by default)
 * @param maxRejectShare the largest share of a file's rows that may be rejected before the whole export is refused
 */
public record ImportOptions(HeaderMapping mapping, NumberLocale locale, double maxRejectShare) {

    /** A few bad rows in a real export are normal; a tenth or more usually means a wrong mapping or locale. */
    public static final double DEFAULT_MAX_REJECT_SHARE = 0.05;

    public ImportOptions {
        if (!(maxRejectShare >= 0 && maxRejectShare <= 1)) {
            throw new IllegalArgumentException("--max-rejects " + maxRejectShare + " outside 0..1 (a share of the rows, e.g. 0.05)");
        }
    }

    public static ImportOptions defaults() {
        return new ImportOptions(null, NumberLocale.PLAIN, DEFAULT_MAX_REJECT_SHARE);
    }

    /** {@code 0.05} or {@code 5%}. */
    public static double parseShare(String text) {
        String t = text.strip();
        try {
            return t.endsWith("%") ? Double.parseDouble(t.substring(0, t.length() - 1)) / 100 : Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--max-rejects '" + text + "' is not a share (0.05 or 5%)");
        }
    }
}
