package io.territoryos.territory.api;

import jakarta.ws.rs.BadRequestException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Query-string instants: an ISO-8601 instant, or a date that stands for the start or the end of that UTC day. */
final class TimeParameters {

    static Instant startOf(String text, String name) {
        return parse(text, name, false);
    }

    /** A date means "on that day", so it reaches to the day's last millisecond. */
    static Instant endOf(String text, String name) {
        return parse(text, name, true);
    }

    private static Instant parse(String text, String name, boolean endOfDay) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException notAnInstant) {
            try {
                LocalDate day = LocalDate.parse(text.trim());
                return endOfDay
                        ? day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusMillis(1)
                        : day.atStartOfDay().toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new BadRequestException(name + " '" + text + "' is neither an ISO-8601 instant nor a date");
            }
        }
    }

    private TimeParameters() {
    }
}
