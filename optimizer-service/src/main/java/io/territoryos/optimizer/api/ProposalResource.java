package io.territoryos.optimizer.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.territoryos.contracts.avro.ProposalStatus;
import io.territoryos.contracts.avro.RebalanceProposal;
import io.territoryos.contracts.avro.RepImpact;
import io.territoryos.optimizer.persistence.AuditEntry;
import io.territoryos.optimizer.persistence.ProposalStore;
import io.territoryos.optimizer.workflow.ApprovalService;
import io.territoryos.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.apache.avro.specific.SpecificData;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * Proposals for people: list and read them (with each rep's "why my book changed"), and approve or reject them
 * as an authenticated checker who is not the requester.
 */
@Path("/api/proposals")
@RolesAllowed(Roles.VIEWER)
@Tag(name = "Proposals")
@Produces(MediaType.APPLICATION_JSON)
public class ProposalResource {

    /** One line of the proposal list. */
    public record ProposalSummary(String proposalId, String team, String trigger, String status, String requestedBy,
                                  int moves, int budgetedMoves, int maxMoves, double cvCoverageBefore,
                                  double cvCoverageAfter, String solverStatus, long solveTimeMs, String decidedBy,
                                  List<String> supersedes, String supersededBy, String createdAt) {
        static ProposalSummary of(RebalanceProposal p) {
            return new ProposalSummary(p.getProposalId(), p.getCommand().getScope().getTeam(),
                    p.getCommand().getType().name(), p.getStatus().name(), p.getCommand().getRequestedBy(),
                    p.getMoves().size(), p.getBudget().getBudgetedMoves(), p.getBudget().getMaxMoves(),
                    p.getBefore().getCvCoverage(), p.getAfter().getCvCoverage(), p.getSolver().getStatus().name(),
                    p.getSolver().getSolveTimeMs(), p.getDecidedBy(), p.getSupersedes(), p.getSupersededBy(),
                    p.getCreatedAt().toString());
        }
    }

    /** A checker's decision. */
    public record Decision(String comment) {
    }

    @Inject
    ProposalStore store;

    @Inject
    ApprovalService approvals;

    @Inject
    SecurityIdentity identity;

    @Operation(summary = "Proposals, newest first, optionally of one team or status")
    @APIResponse(responseCode = "200", description = "one summary per proposal")
    @APIResponse(responseCode = "401", description = "no or wrong credentials (JSON: error, reason)")
    @APIResponse(responseCode = "403", description = "the user lacks the role (JSON: error, reason)")
    @GET
    public List<ProposalSummary> list(@QueryParam("team") String team, @QueryParam("status") ProposalStatus status,
                                      @QueryParam("limit") @DefaultValue("50") int limit) {
        return store.list(team, status, Math.min(limit, 500)).stream().map(ProposalSummary::of).toList();
    }

    @Operation(summary = "The whole proposal: moves, reps before/after, solver report")
    @APIResponse(responseCode = "200", description = "the proposal as JSON")
    @APIResponse(responseCode = "401", description = "no or wrong credentials (JSON: error, reason)")
    @APIResponse(responseCode = "403", description = "the user lacks the role (JSON: error, reason)")
    @APIResponse(responseCode = "404", description = "not found (JSON: error, reason)")
    @GET
    @Path("{id}")
    public String read(@PathParam("id") String id) {
        return SpecificData.get().toString(find(id));
    }

    @Operation(summary = "Why one rep's book changed in a proposal")
    @APIResponse(responseCode = "200", description = "the rep's before/after and moves")
    @APIResponse(responseCode = "401", description = "no or wrong credentials (JSON: error, reason)")
    @APIResponse(responseCode = "403", description = "the user lacks the role (JSON: error, reason)")
    @APIResponse(responseCode = "404", description = "not found (JSON: error, reason)")
    @GET
    @Path("{id}/reps/{repId}")
    public String repExplanation(@PathParam("id") String id, @PathParam("repId") String repId) {
        RepImpact impact = find(id).getReps().stream().filter(r -> r.getRepId().equals(repId)).findFirst()
                .orElseThrow(() -> new NotFoundException("rep " + repId + " is not in proposal " + id));
        return SpecificData.get().toString(impact);
    }

    @Operation(summary = "The proposal's append-only audit trail, with who did what")
    @APIResponse(responseCode = "200", description = "audit entries, oldest first")
    @APIResponse(responseCode = "401", description = "no or wrong credentials (JSON: error, reason)")
    @APIResponse(responseCode = "403", description = "the user lacks the role (JSON: error, reason)")
    @APIResponse(responseCode = "404", description = "not found (JSON: error, reason)")
    @GET
    @Path("{id}/audit")
    public List<AuditEntry> audit(@PathParam("id") String id) {
        find(id);
        return store.auditTrail(id);
    }

    @RolesAllowed(Roles.CHECKER)
    @Operation(summary = "Approve a pending proposal (checker; not its requester): its moves are published")
    @APIResponse(responseCode = "200", description = "the applied proposal")
    @APIResponse(responseCode = "401", description = "no or wrong credentials (JSON: error, reason)")
    @APIResponse(responseCode = "403", description = "the user lacks the role (JSON: error, reason)")
    @APIResponse(responseCode = "404", description = "not found (JSON: error, reason)")
    @APIResponse(responseCode = "409", description = "refused: stale books, already decided or superseded (JSON: error, reason, refused)")
    @POST
    @Path("{id}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    public ProposalSummary approve(@PathParam("id") String id, Decision decision) {
        return ProposalSummary.of(approvals.approve(id, identity.getPrincipal().getName(),
                decision == null ? null : decision.comment()));
    }

    @RolesAllowed(Roles.CHECKER)
    @Operation(summary = "Reject a pending proposal (checker; not its requester)")
    @APIResponse(responseCode = "200", description = "the rejected proposal")
    @APIResponse(responseCode = "401", description = "no or wrong credentials (JSON: error, reason)")
    @APIResponse(responseCode = "403", description = "the user lacks the role (JSON: error, reason)")
    @APIResponse(responseCode = "404", description = "not found (JSON: error, reason)")
    @APIResponse(responseCode = "409", description = "refused: stale books, already decided or superseded (JSON: error, reason, refused)")
    @POST
    @Path("{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    public ProposalSummary reject(@PathParam("id") String id, Decision decision) {
        return ProposalSummary.of(approvals.reject(id, identity.getPrincipal().getName(),
                decision == null ? null : decision.comment()));
    }

    private RebalanceProposal find(String id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("no proposal " + id));
    }
}
