package io.territoryos.security;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.build.Jwt;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * A tiny OpenID provider for tests: discovery document and JWKS over HTTP for an RSA key generated at start, and
 * signed tokens whose {@code groups} claim carries the roles — what the services' production profile expects.
 */
public class LocalTokenIssuer implements QuarkusTestResourceLifecycleManager {

    static final String AUDIENCE = "territory-os";
    private static final String KEY_ID = "test-key-1";

    private static KeyPair keys;
    private static String issuer;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        keys = rsa();
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/territory-os";
        server.createContext("/realms/territory-os/.well-known/openid-configuration", exchange -> send(exchange,
                "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/protocol/openid-connect/certs\","
                        + "\"token_endpoint\":\"" + issuer + "/protocol/openid-connect/token\","
                        + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}"));
        server.createContext("/realms/territory-os/protocol/openid-connect/certs", exchange -> send(exchange, jwks()));
        server.start();
        return Map.of("quarkus.oidc.auth-server-url", issuer);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** A token for {@code user} with these roles in its {@code groups} claim, signed by the issuer's key. */
    static String token(String user, Set<String> roles) {
        return token(user, roles, keys.getPrivate());
    }

    /** The same token signed by a key the issuer never published: a forgery. */
    static String forgedToken(String user, Set<String> roles) {
        return token(user, roles, rsa().getPrivate());
    }

    private static String token(String user, Set<String> roles, PrivateKey key) {
        return Jwt.issuer(issuer).subject(user).upn(user).groups(roles).audience(AUDIENCE).expiresIn(300)
                .jws().keyId(KEY_ID).sign(key);
    }

    private static String jwks() {
        RSAPublicKey key = (RSAPublicKey) keys.getPublic();
        return "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + KEY_ID + "\",\"n\":\""
                + base64Url(key.getModulus()) + "\",\"e\":\"" + base64Url(key.getPublicExponent()) + "\"}]}";
    }

    private static String base64Url(BigInteger number) {
        byte[] bytes = number.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) { // the sign byte is not part of the JWK number
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(com.sun.net.httpserver.HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
