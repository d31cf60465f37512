package io.territoryos.optimizer.workflow;

import io.territoryos.optimizer.domain.Account;
import io.territoryos.optimizer.domain.Rep;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

/** The books of a scope as of now: the Kafka-fed book view in the service. */
public interface BookSource {

    /** The accounts and reps of a scope, as of one moment. */
    record Books(List<Account> accounts, List<Rep> reps) {
    }

    /** Null filters do not restrict; waits (up to {@code timeout}) until the source has caught up with now. */
    Books snapshot(String team, String segment, String region, Duration timeout) throws TimeoutException, InterruptedException;
}
