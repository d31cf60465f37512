package io.territoryos.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A small OpenID provider for tests, on the JDK's HTTP server: discovery, JWKS of an RSA key made at start, RS256
 * tokens whose {@code groups} claim carries the roles, and the authorization-code flow with PKCE (S256) that the pages
 * use: {@code /auth} shows a log-in form (user and password; the password is the user's name, as for the local
 * stack's users; each known user has fixed roles), answers the redirect with a one-time code, and remembers the
 * browser in a session cookie so that a second page origin is signed in without the form; {@code /token} exchanges
 * the code once, for the verifier whose hash it was asked with; {@code /logout} ends the session and sends the
 * browser back. The token endpoint answers cross-origin requests, as a provider configured with the pages' web
 * origins does.
 */
public final class OidcTestIssuer implements AutoCloseable {

    public static final String REALM_PATH = "/realms/territory-os";
    private static final String KEY_ID = "test-key-1";
    private static final String SESSION_COOKIE = "TEST_IDP_SESSION";
    /** How long a token is valid: its {@code exp} and the token endpoint's {@code expires_in}. */
    private static final long TOKEN_SECONDS = 300;

    private final KeyPair keys = rsa();
    private final HttpServer server;
    private final String issuer;
    private final String audience;
    private final Map<String, Set<String>> users;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, String> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final List<String> signIns = new CopyOnWriteArrayList<>();

    private record Grant(String user, String clientId, String redirectUri, String challenge, String nonce) {
    }

    private OidcTestIssuer(String audience, Map<String, Set<String>> users) throws IOException {
        this.audience = audience;
        this.users = Map.copyOf(users);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + REALM_PATH;
        server.createContext(REALM_PATH + "/.well-known/openid-configuration", exchange -> send(exchange, 200, discovery()));
        server.createContext(REALM_PATH + "/protocol/openid-connect/certs", exchange -> send(exchange, 200, jwks()));
        server.createContext(REALM_PATH + "/protocol/openid-connect/auth", this::authorize);
        server.createContext(REALM_PATH + "/protocol/openid-connect/token", this::token);
        server.createContext(REALM_PATH + "/protocol/openid-connect/logout", this::logout);
        server.start();
    }

    /**
     * @param audience the {@code aud} of every token (the services' client id)
     * @param users    who may log in, with the roles their tokens carry
     */
    public static OidcTestIssuer start(String audience, Map<String, Set<String>> users) {
        try {
            return new OidcTestIssuer(audience, users);
        } catch (IOException e) {
            throw new IllegalStateException("could not start the test OpenID provider", e);
        }
    }

    /** The issuer URL, what {@code quarkus.oidc.auth-server-url} points at. */
    public String issuer() {
        return issuer;
    }

    /** A token for {@code user} with these roles, signed by the published key. */
    public String token(String user, Set<String> roles) {
        return sign(claims(user, roles, null), keys.getPrivate());
    }

    /** The same token signed by a key the issuer never published: a forgery. */
    public String forgedToken(String user, Set<String> roles) {
        return sign(claims(user, roles, null), rsa().getPrivate());
    }

    /** Who signed in with the log-in form, in order (a browser signed in by its session cookie is not listed again). */
    public List<String> signIns() {
        return List.copyOf(signIns);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private String discovery() {
        String base = issuer + "/protocol/openid-connect";
        return "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + base + "/certs\",\"authorization_endpoint\":\"" + base
                + "/auth\",\"token_endpoint\":\"" + base + "/token\",\"end_session_endpoint\":\"" + base
                + "/logout\",\"response_types_supported\":[\"code\"],"
                + "\"code_challenge_methods_supported\":[\"S256\"],\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        if ("POST".equals(exchange.getRequestMethod())) {
            query.putAll(form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        }
        if (!"code".equals(query.get("response_type")) || query.get("redirect_uri") == null
                || !"S256".equals(query.get("code_challenge_method")) || query.get("code_challenge") == null) {
            send(exchange, 400, "{\"error\":\"invalid_request\",\"error_description\":\"response_type=code, redirect_uri "
                    + "and an S256 code_challenge are required\"}");
            return;
        }
        String user = query.containsKey("username") ? query.get("username").trim() : session(exchange);
        if (user == null || !users.containsKey(user) || query.containsKey("username") && !user.equals(query.get("password"))) {
            loginForm(exchange, query, user == null ? "" : "wrong user or password for " + user);
            return;
        }
        if (query.containsKey("username")) {
            signIns.add(user);
        }
        String session = id();
        sessions.put(session, user);
        exchange.getResponseHeaders().add("Set-Cookie", SESSION_COOKIE + "=" + session + "; Path=" + REALM_PATH + "; HttpOnly");
        String code = id();
        codes.put(code, new Grant(user, query.get("client_id"), query.get("redirect_uri"), query.get("code_challenge"), query.get("nonce")));
        String target = query.get("redirect_uri") + (query.get("redirect_uri").contains("?") ? "&" : "?") + "code=" + code
                + (query.get("state") == null ? "" : "&state=" + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8));
        exchange.getResponseHeaders().add("Location", target);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void logout(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        String cookie = cookie(exchange);
        if (cookie != null) {
            sessions.remove(cookie);
        }
        exchange.getResponseHeaders().add("Set-Cookie", SESSION_COOKIE + "=; Path=" + REALM_PATH + "; Max-Age=0; HttpOnly");
        String back = query.get("post_logout_redirect_uri");
        if (back == null) {
            send(exchange, 200, "{\"logged_out\":true}");
            return;
        }
        exchange.getResponseHeaders().add("Location", back);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private String session(HttpExchange exchange) {
        String cookie = cookie(exchange);
        return cookie == null ? null : sessions.get(cookie);
    }

    private static String cookie(HttpExchange exchange) {
        String cookies = exchange.getRequestHeaders().getFirst("Cookie");
        if (cookies == null) {
            return null;
        }
        return Arrays.stream(cookies.split(";")).map(String::trim).filter(c -> c.startsWith(SESSION_COOKIE + "="))
                .map(c -> c.substring(SESSION_COOKIE.length() + 1)).filter(c -> !c.isEmpty()).findFirst().orElse(null);
    }

    private void loginForm(HttpExchange exchange, Map<String, String> query, String message) throws IOException {
        String hidden = query.entrySet().stream().filter(e -> !e.getKey().equals("username") && !e.getKey().equals("password"))
                .map(e -> "<input type=\"hidden\" name=\"" + html(e.getKey()) + "\" value=\"" + html(e.getValue()) + "\">")
                .collect(Collectors.joining());
        String page = "<!doctype html><title>Test identity provider</title><h1>Test identity provider</h1><p id=\"message\">"
                + html(message) + "</p><form method=\"post\" id=\"idp-login\">" + hidden
                + "<label>User <input name=\"username\" id=\"username\"></label><label>Password <input name=\"password\" "
                + "type=\"password\" id=\"password\"></label><button id=\"idp-submit\">Sign in</button></form>";
        byte[] body = page.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private void token(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
        if ("OPTIONS".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().add("Access-Control-Allow-Methods", "POST");
            exchange.getResponseHeaders().add("Access-Control-Allow-Headers", "Content-Type");
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            return;
        }
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Grant grant = form.get("code") == null ? null : codes.remove(form.get("code"));
        if (!"authorization_code".equals(form.get("grant_type")) || grant == null) {
            send(exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"unknown or used code\"}");
            return;
        }
        if (!grant.redirectUri().equals(form.get("redirect_uri")) || !grant.challenge().equals(s256(form.get("code_verifier")))
                || !Objects.equals(grant.clientId(), form.get("client_id"))) {
            send(exchange, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"client_id, redirect_uri or code_verifier does not match\"}");
            return;
        }
        String access = sign(claims(grant.user(), users.get(grant.user()), null), keys.getPrivate());
        String identity = sign(claims(grant.user(), users.get(grant.user()), grant.nonce()), keys.getPrivate());
        send(exchange, 200, "{\"access_token\":\"" + access + "\",\"id_token\":\"" + identity
                + "\",\"token_type\":\"Bearer\",\"expires_in\":" + TOKEN_SECONDS + "}");
    }

    private Map<String, Object> claims(String user, Set<String> roles, String nonce) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("sub", user);
        claims.put("upn", user);
        claims.put("preferred_username", user);
        claims.put("aud", audience);
        claims.put("groups", roles);
        claims.put("iat", now);
        claims.put("exp", now + TOKEN_SECONDS);
        if (nonce != null) {
            claims.put("nonce", nonce);
        }
        return claims;
    }

    private static String sign(Map<String, Object> claims, PrivateKey key) {
        String header = base64Url(("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + KEY_ID + "\"}").getBytes(StandardCharsets.UTF_8));
        String payload = base64Url(json(claims).getBytes(StandardCharsets.UTF_8));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + base64Url(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Claims are strings, numbers and sets of strings: enough JSON for a token. */
    private static String json(Map<String, Object> claims) {
        return claims.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + value(e.getValue()))
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String value(Object value) {
        if (value instanceof Number) {
            return value.toString();
        }
        if (value instanceof Set<?> items) {
            return items.stream().map(i -> "\"" + i + "\"").collect(Collectors.joining(",", "[", "]"));
        }
        return "\"" + value.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private String jwks() {
        RSAPublicKey key = (RSAPublicKey) keys.getPublic();
        return "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + KEY_ID + "\",\"n\":\""
                + base64Url(unsigned(key.getModulus())) + "\",\"e\":\"" + base64Url(unsigned(key.getPublicExponent())) + "\"}]}";
    }

    private static byte[] unsigned(BigInteger number) {
        byte[] bytes = number.toByteArray();
        return bytes.length > 1 && bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static String s256(String verifier) {
        if (verifier == null) {
            return null;
        }
        try {
            return base64Url(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String id() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return base64Url(bytes);
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> values = new HashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            values.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
