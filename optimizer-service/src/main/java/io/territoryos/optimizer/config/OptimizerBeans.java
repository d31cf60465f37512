package io.territoryos.optimizer.config;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.quarkus.runtime.Startup;
import io.territoryos.optimizer.domain.CpSatRebalancer;
import io.territoryos.optimizer.domain.RebalanceOptions;
import io.territoryos.optimizer.messaging.BookView;
import io.territoryos.optimizer.messaging.ProposalPublisher;
import io.territoryos.optimizer.persistence.MongoProposalStore;
import io.territoryos.optimizer.persistence.ProposalStore;
import io.territoryos.optimizer.workflow.ApprovalService;
import io.territoryos.optimizer.workflow.ProposalService;
import io.territoryos.optimizer.workflow.RebalanceRequestService;
import io.territoryos.optimizer.workflow.WhatIfService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** Wires the optimizer's plain classes together; nothing here decides anything. */
@ApplicationScoped
public class OptimizerBeans {

    Map<String, Object> serdeConfig(OptimizerConfig config) {
        Map<String, Object> serde = new HashMap<>();
        config.registryUrl().ifPresent(url -> serde.put("apicurio.registry.url", url));
        return serde;
    }

    @Produces
    @ApplicationScoped
    MongoClient mongoClient(OptimizerConfig config) {
        return MongoClients.create(config.mongo().uri());
    }

    void closeMongo(@Disposes MongoClient client) {
        client.close();
    }

    @Produces
    @ApplicationScoped
    ProposalStore proposalStore(MongoClient client, OptimizerConfig config) {
        return new MongoProposalStore(client.getDatabase(config.mongo().database()));
    }

    @Produces
    @Startup
    @ApplicationScoped
    BookView bookView(OptimizerConfig config) {
        return new BookView(config.bootstrapServers(), config.repsTopic(), serdeConfig(config)).start();
    }

    void closeBookView(@Disposes BookView view) {
        view.close();
    }

    @Produces
    @ApplicationScoped
    ProposalPublisher publisher(OptimizerConfig config) {
        return new ProposalPublisher(config.bootstrapServers(), serdeConfig(config), "optimizer-assignments");
    }

    void closePublisher(@Disposes ProposalPublisher publisher) {
        publisher.close();
    }

    RebalanceOptions solverOptions(OptimizerConfig config) {
        return RebalanceOptions.defaults()
                .withMaxMoveFraction(config.solver().maxMoveFraction())
                .withTimeLimit(config.solver().timeLimit())
                .withWorkers(config.solver().workers())
                .withRegional(config.solver().regional())
                .withBalanceTolerance(config.solver().balanceTolerance());
    }

    @Produces
    @ApplicationScoped
    ProposalService proposalService(BookView view, ProposalStore store, ProposalPublisher publisher, OptimizerConfig config) {
        return new ProposalService(view, new CpSatRebalancer(), store, publisher, solverOptions(config),
                config.solver().snapshotTimeout(), Clock.systemUTC());
    }

    @Produces
    @ApplicationScoped
    WhatIfService whatIfService(BookView view, OptimizerConfig config) {
        return new WhatIfService(view, new CpSatRebalancer(), solverOptions(config), config.whatIf().winRate(),
                config.solver().snapshotTimeout());
    }

    @Produces
    @ApplicationScoped
    RebalanceRequestService rebalanceRequestService(BookView view, ProposalPublisher publisher, OptimizerConfig config) {
        return new RebalanceRequestService(view, publisher, config.solver().snapshotTimeout(), Clock.systemUTC());
    }

    @Produces
    @ApplicationScoped
    ApprovalService approvalService(ProposalStore store, ProposalPublisher publisher, ProposalService proposals) {
        return new ApprovalService(store, publisher,
                proposal -> proposals.problemFor(proposal.getCommand()).snapshotFingerprint(), Clock.systemUTC());
    }
}
