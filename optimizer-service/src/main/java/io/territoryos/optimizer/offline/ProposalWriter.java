package io.territoryos.optimizer.offline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.territoryos.optimizer.domain.RebalanceResult;

import java.io.IOException;
import java.nio.file.Path;

/** Writes a proposal as JSON with snake_case fields: moves with from/to and reason, before/after, budget, solver. */
public final class ProposalWriter {

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public static String toJson(RebalanceResult result) throws IOException {
        return JSON.writeValueAsString(result);
    }

    public static void write(RebalanceResult result, Path file) throws IOException {
        JSON.writeValue(file.toFile(), result);
    }

    private ProposalWriter() {
    }
}
