package io.territoryos.demo.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.territoryos.contracts.cdc.CdcDecodingException;
import io.territoryos.contracts.cdc.ChangeEvent;
import io.territoryos.contracts.cdc.DebeziumDecoder;
import io.territoryos.contracts.crm.CrmAccount;
import io.territoryos.demo.cdc.DebeziumEventWriter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The latest row of every account, folded from crm.accounts' change events in log order (deletes and tombstones
 * remove the row), plus the change ids of the updates the write-back made, read from their {@code source}: the
 * CRM's feed is the only state, so a restart rebuilds exactly what was there.
 */
final class AccountView {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] CHANGE_ID_MARKER = ("\"" + DebeziumEventWriter.CHANGE_ID_FIELD + "\"")
            .getBytes(StandardCharsets.UTF_8);

    private final Map<String, CrmAccount> accounts = new HashMap<>();
    /** Accounts whose latest row cannot be read: never written back from an older row, which would undo the edit. */
    private final Map<String, String> unreadable = new HashMap<>();
    private final Set<String> appliedChangeIds = new HashSet<>();
    private long events;
    private long undecodable;

    /**
     * Folds one record of crm.accounts into the view.
     *
     * @return why the record cannot be used, or null
     */
    String apply(byte[] key, byte[] value) {
        events++;
        ChangeEvent event;
        try {
            event = DebeziumDecoder.decode(key, value, CrmAccount.ID_FIELD);
        } catch (CdcDecodingException e) {
            undecodable++;
            return e.getMessage();
        }
        String id = event.id();
        if (event.removesRow()) {
            accounts.remove(id);
            unreadable.remove(id);
            return null;
        }
        String changeId = changeIdOf(value);
        if (changeId != null) {
            appliedChangeIds.add(changeId);
        }
        try {
            accounts.put(id, CrmAccount.from(id, event.after()));
            unreadable.remove(id);
            return null;
        } catch (CdcDecodingException e) {
            accounts.remove(id);
            unreadable.put(id, e.getMessage());
            return "account " + id + ": " + e.getMessage();
        }
    }

    /** Records an update the write-back is sending, so later changes of the same batch see it before the feed does. */
    void applyOwnUpdate(CrmAccount after, String changeId) {
        accounts.put(after.accountId(), after);
        appliedChangeIds.add(changeId);
    }

    CrmAccount account(String accountId) {
        return accounts.get(accountId);
    }

    /** Why the account's latest row cannot be read, or null. */
    String unreadableReason(String accountId) {
        return unreadable.get(accountId);
    }

    boolean wasApplied(String changeId) {
        return appliedChangeIds.contains(changeId);
    }

    int size() {
        return accounts.size();
    }

    long events() {
        return events;
    }

    long undecodable() {
        return undecodable;
    }

    /** {@code source.change_id} of a requested update (plain or wrapped), or null; most records are skipped unparsed. */
    static String changeIdOf(byte[] value) {
        if (value == null || indexOf(value, CHANGE_ID_MARKER) < 0) {
            return null;
        }
        try {
            JsonNode root = JSON.readTree(value);
            JsonNode envelope = root.has("payload") && root.has("schema") ? root.get("payload") : root;
            JsonNode changeId = envelope.path("source").path(DebeziumEventWriter.CHANGE_ID_FIELD);
            return changeId.isTextual() && !changeId.asText().isBlank() ? changeId.asText() : null;
        } catch (IOException e) {
            return null; // the decoder has already accepted the record: cannot happen short of a decoder bug
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
