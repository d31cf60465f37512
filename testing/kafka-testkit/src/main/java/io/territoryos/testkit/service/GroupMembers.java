package io.territoryos.testkit.service;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Who is in a service's consumer groups, as the broker says: each member's static id ({@code group.instance.id}). */
public final class GroupMembers {

    private GroupMembers() {
    }

    /**
     * The static member ids of each group's members (empty for a dynamic member), once every group has a member or
     * after a minute, whichever is first.
     */
    public static Map<String, List<Optional<String>>> await(String bootstrapServers, Collection<String> groups) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<String, List<Optional<String>>> members = new TreeMap<>();
            long deadline = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < deadline) {
                members.clear();
                for (Map.Entry<String, ConsumerGroupDescription> group : admin.describeConsumerGroups(groups).all().get().entrySet()) {
                    members.put(group.getKey(), group.getValue().members().stream().map(MemberDescription::groupInstanceId).toList());
                }
                if (members.values().stream().noneMatch(List::isEmpty)) {
                    break;
                }
                Thread.sleep(200);
            }
            return members;
        }
    }
}
