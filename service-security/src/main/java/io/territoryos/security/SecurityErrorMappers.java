package io.territoryos.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Refusals with a JSON body that says why ({@link ApiError}), on every service: 401 without or with wrong
 * credentials (no {@code WWW-Authenticate} challenge for a page's {@code fetch}, which marks itself with
 * {@code X-Requested-With}, so that the browser shows no dialog of its own), 403 naming the role that was needed and
 * the roles the user has, and any other {@link WebApplicationException} (404, 409, 503 ...) with its message.
 */
public class SecurityErrorMappers {

    @Inject
    CurrentIdentityAssociation identities;

    /** {@code Basic realm="territory-os"} on the local stack, {@code Bearer} with OIDC. */
    @ConfigProperty(name = "tos.security.challenge", defaultValue = "Bearer")
    String challenge;

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException refused, HttpHeaders headers) {
        boolean wrongCredentials = refused instanceof AuthenticationFailedException
                || headers.getHeaderString(HttpHeaders.AUTHORIZATION) != null;
        Response.ResponseBuilder response = Response.fromResponse(ApiError.response(401, wrongCredentials
                ? "the credentials were not accepted (unknown user, wrong password or an invalid token)"
                : "this endpoint needs an authenticated user: send Authorization (docs/security.md)"));
        if (headers.getHeaderString("X-Requested-With") == null) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, challenge);
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException refused, ResourceInfo resource, HttpServerRequest request) {
        SecurityIdentity identity = identities.getIdentity();
        String user = identity.isAnonymous() ? "an anonymous caller" : identity.getPrincipal().getName();
        String has = identity.getRoles().isEmpty() ? "no role"
                : identity.getRoles().stream().sorted().collect(Collectors.joining(", "));
        String what = request.method().name() + " " + pathTemplate(resource);
        String[] needed = rolesAllowed(resource);
        String reason = needed == null
                ? what + " is open to no role (an endpoint without a role annotation is denied)"
                : what + " needs the " + String.join(" or ", needed) + " role" + (needed.length > 1 ? "s" : "")
                + "; " + user + " has " + has;
        return ApiError.response(403, reason);
    }

    /** 404, 409, 503 ...: the status with the exception's message as the reason, unless it carries a body already. */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException failure) {
        Response given = failure.getResponse();
        if (given != null && given.hasEntity()) {
            return given;
        }
        int status = given == null ? 500 : given.getStatus();
        return Response.fromResponse(ApiError.response(status, failure.getMessage())).build();
    }

    private static String[] rolesAllowed(ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        RolesAllowed roles = method == null ? null : method.getAnnotation(RolesAllowed.class);
        if (roles == null && resource.getResourceClass() != null) {
            roles = resource.getResourceClass().getAnnotation(RolesAllowed.class);
        }
        return roles == null ? null : Arrays.stream(roles.value()).sorted().toArray(String[]::new);
    }

    private static String pathTemplate(ResourceInfo resource) {
        Class<?> type = resource.getResourceClass();
        Method method = resource.getResourceMethod();
        String base = type == null || type.getAnnotation(Path.class) == null ? "" : type.getAnnotation(Path.class).value();
        String sub = method == null || method.getAnnotation(Path.class) == null ? "" : method.getAnnotation(Path.class).value();
        String joined = ("/" + base + "/" + sub).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }
}
