package io.territoryos.optimizer.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.security.identity.SecurityIdentity;
import io.territoryos.contracts.avro.RebalanceCommand;
import io.territoryos.optimizer.mapping.ProposalMapping;
import io.territoryos.optimizer.workflow.RebalanceRequestService;
import io.territoryos.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.concurrent.TimeoutException;

/**
 * A maker asks for a rebalance of a team: a MANUAL command on rebalance.commands, answered by a proposal that a
 * different person must approve.
 */
@Path("/api/rebalances")
@RolesAllowed(Roles.MAKER)
@Tag(name = "Rebalances")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RebalanceResource {

    public record RebalanceRequest(String team, @JsonProperty("max_move_fraction") Double maxMoveFraction,
                                   String reason) {
    }

    /** What was requested, and where its proposal will appear once solved. */
    public record RebalanceRequested(String commandId, String proposalId, String team, String requestedBy,
                                     Double maxMoveFraction, double cvCoverage, String summary) {
    }

    @Inject
    RebalanceRequestService requests;

    @Inject
    SecurityIdentity identity;

    @Operation(summary = "Ask for a rebalance of a team (maker): a MANUAL command whose proposal another person approves")
    @APIResponse(responseCode = "202", description = "the command, and the proposal id under Location")
    @APIResponse(responseCode = "400", description = "invalid parameters or body (JSON: error, reason)")
    @APIResponse(responseCode = "401", description = "no or wrong credentials (JSON: error, reason)")
    @APIResponse(responseCode = "403", description = "the user lacks the role (JSON: error, reason)")
    @APIResponse(responseCode = "503", description = "state not queryable yet: starting, rebalancing or catching up (JSON: error, reason)")
    @POST
    public Response request(RebalanceRequest request) throws InterruptedException {
        if (request == null) {
            throw new IllegalArgumentException("a rebalance request needs a body with a team");
        }
        RebalanceCommand command;
        try {
            command = requests.request(request.team(), request.maxMoveFraction(), request.reason(),
                    identity.getPrincipal().getName());
        } catch (TimeoutException e) {
            throw new ServiceUnavailableException("the book view has not caught up with the topics yet: " + e.getMessage());
        }
        String proposalId = ProposalMapping.proposalId(command);
        return Response.accepted(new RebalanceRequested(command.getCommandId(), proposalId, request.team(),
                        command.getRequestedBy(), command.getMaxMoveFraction(), command.getEvidence().get(0).getValue(),
                        command.getSummary()))
                .location(URI.create("/api/proposals/" + proposalId)).build();
    }
}
