package io.territoryos.optimizer.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * SHA-256 over "account_id=owner_rep_id" lines sorted by account id: the same book gives the same fingerprint
 * whatever the order of the input, and any owner change in scope gives another one (a proposal made on an old
 * fingerprint is stale).
 */
public final class SnapshotFingerprint {

    public static String of(Collection<Account> accounts) {
        List<Account> sorted = accounts.stream().sorted(Comparator.comparing(Account::id)).toList();
        MessageDigest digest = sha256();
        for (Account account : sorted) {
            String line = account.id() + '=' + (account.ownerRepId() == null ? "" : account.ownerRepId()) + '\n';
            digest.update(line.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(digest.digest()).substring(0, 32);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private SnapshotFingerprint() {
    }
}
