package io.territoryos.optimizer.config;

import io.territoryos.security.KafkaClientSecurity;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.StartupEvent;
import io.territoryos.contracts.serde.AvroSerdes;
import io.territoryos.optimizer.domain.RebalanceOptions;
import io.territoryos.optimizer.messaging.BookView;
import io.territoryos.optimizer.messaging.CommandHandler;
import io.territoryos.optimizer.messaging.ProposalPublisher;
import io.territoryos.optimizer.persistence.MongoProposalStore;
import io.territoryos.optimizer.persistence.ProposalStore;
import io.territoryos.optimizer.solver.CpSatRebalancer;
import io.territoryos.optimizer.workflow.ApprovalService;
import io.territoryos.optimizer.workflow.CommandScheduler;
import io.territoryos.optimizer.workflow.ProposalService;
import io.territoryos.optimizer.workflow.RebalanceRequestService;
import io.territoryos.optimizer.workflow.WhatIfService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.Map;

/** Wires the optimizer's plain classes together; nothing here decides anything. */
@ApplicationScoped
public class OptimizerBeans {

    /** The {@code apicurio.*} settings (a registry URL, or none: the compiled schema catalogue). */
    public static Map<String, Object> serdeConfig() {
        Config config = ConfigProvider.getConfig();
        return AvroSerdes.registrySettings(config.getPropertyNames(), name -> config.getOptionalValue(name, String.class));
    }

    @Produces
    @ApplicationScoped
    MongoClient mongoClient(OptimizerConfig config) {
        // fail fast when the store is away: health says DOWN and REST answers in ~2 s instead of the driver's 30 s
        // (solves that fail for it are retried by the scheduler, so a shorter wait loses nothing)
        return MongoClients.create(MongoClientSettings.builder()
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(2, TimeUnit.SECONDS))
                .applyConnectionString(new ConnectionString(config.mongo().uri()))
                .build());
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
    BookView bookView(OptimizerConfig config, MeterRegistry metrics) {
        BookView view = new BookView(config.bootstrapServers(), config.repsTopic(), serdeConfig(),
                KafkaClientSecurity.configured()).start();
        Gauge.builder("optimizer.book.view.accounts", view, BookView::accountCount)
                .description("Accounts in the optimizer's book view").register(metrics);
        Gauge.builder("optimizer.book.view.undecodable.reps", view, BookView::undecodableReps)
                .description("Rep change events the book view could not decode and skipped (territory-service dead-letters them)")
                .register(metrics);
        Gauge.builder("optimizer.book.view.undecodable.scores", view, BookView::undecodableScores)
                .description("accounts.scored records the book view could not decode and skipped (the account keeps its previous figures)")
                .register(metrics);
        Gauge.builder("optimizer.book.view.decoded.scores", view, BookView::decodedScores)
                .description("accounts.scored records decoded: only each account's latest of a backlog, none it superseded")
                .register(metrics);
        Gauge.builder("optimizer.book.view.rejected.policies", view, BookView::rejectedPolicies)
                .description("Team policy records that could not be read or were out of range; the previous version stays")
                .register(metrics);
        return view;
    }

    /**
     * Unpacks OR-Tools' natives while the book view catches up, off the main thread: a command redelivered after a
     * restart is solved as soon as the view has caught up, and the first solve unpacked them on its way to the proposal.
     */
    void loadSolverNatives(@Observes StartupEvent started) {
        Thread loader = new Thread(CpSatRebalancer::loadNativeLibraries, "optimizer-natives");
        loader.setDaemon(true);
        loader.start();
    }

    void closeBookView(@Disposes BookView view) {
        view.close();
    }

    @Produces
    @ApplicationScoped
    ProposalPublisher publisher(OptimizerConfig config) {
        return new ProposalPublisher(config.bootstrapServers(), serdeConfig(), "optimizer-assignments",
                KafkaClientSecurity.configured());
    }

    void closePublisher(@Disposes ProposalPublisher publisher) {
        publisher.close();
    }

    /** Each solve gets workers so that the concurrent solves together stay within the cores. */
    RebalanceOptions solverOptions(OptimizerConfig config) {
        int solvers = CommandScheduler.solverThreads(config.solver().concurrentSolves());
        return RebalanceOptions.defaults()
                .withMaxMoveFraction(config.solver().maxMoveFraction())
                .withTimeLimit(config.solver().timeLimit())
                .withWorkers(CommandScheduler.workersPerSolve(config.solver().workers(), solvers))
                .withBalanceTolerance(config.solver().balanceTolerance());
    }

    @Produces
    @ApplicationScoped
    ProposalService proposalService(BookView view, ProposalStore store, ProposalPublisher publisher, OptimizerConfig config) {
        return new ProposalService(view, new CpSatRebalancer(), store, publisher, solverOptions(config),
                config.whatIf().winRate(), config.solver().snapshotTimeout(), Clock.systemUTC(),
                config.solver().timePerThousandAccounts());
    }

    @Produces
    @ApplicationScoped
    CommandScheduler commandScheduler(OptimizerConfig config, MeterRegistry metrics) {
        int solvers = CommandScheduler.solverThreads(config.solver().concurrentSolves());
        CommandScheduler scheduler = new CommandScheduler(solvers, config.solver().queueCapacity(),
                config.solver().retryBackoff(), config.solver().maxRetryBackoff(), null);
        Gauge.builder("optimizer.commands.outstanding", scheduler, CommandScheduler::outstanding)
                .description("Commands taken from rebalance.commands and not answered yet (queued, solving or retrying)")
                .register(metrics);
        return scheduler;
    }

    void closeScheduler(@Disposes CommandScheduler scheduler) {
        scheduler.close();
    }

    @Produces
    @ApplicationScoped
    CommandHandler commandHandler(ProposalService proposals, CommandScheduler scheduler, ProposalPublisher publisher) {
        return new CommandHandler(proposals, scheduler, publisher, serdeConfig(), Clock.systemUTC());
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
