package org.miplhil.power;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An HTTP-switched outlet (Tasmota, Shelly, or any device with an on URL and an off URL). Every request has the
 * spec's timeout; a non-2xx status is a failure. Credentials come from the environment variables the rack file
 * names and never appear in a message: every text that could carry them is masked first.
 */
public final class HttpOutlet extends PowerDriver {

    private final PowerSpec.Http spec;
    private final String user;
    private final String password;
    private final Secrets secrets;
    private final HttpClient client;
    private final Optional<Pattern> stateRegex;

    /**
     * @param environment where the credential variables are looked up ({@code System.getenv()})
     * @throws PowerException ({@link PowerException.Kind#CONFIGURATION}) when a named variable is not set
     */
    public HttpOutlet(PowerSpec.Http spec, Map<String, String> environment) throws PowerException {
        super("http", spec.host() + " channel " + spec.channel(), spec.timeout(), spec.verify());
        this.spec = spec;
        this.user = credential(spec.userEnv(), environment, "user name");
        this.password = credential(spec.passwordEnv(), environment, "password");
        this.secrets = Secrets.of(user, password);
        this.client = HttpClient.newBuilder()
                .connectTimeout(spec.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        try {
            this.stateRegex = spec.stateRegex().map(r -> Pattern.compile(expand(r, false)));
        } catch (PatternSyntaxException e) {
            throw failure(PowerAction.OPEN, PowerException.Kind.CONFIGURATION,
                    "state-regex is not a regular expression: " + e.getDescription());
        }
    }

    private String credential(Optional<String> variable, Map<String, String> env, String what) throws PowerException {
        if (variable.isEmpty()) {
            return null;
        }
        String value = env.get(variable.get());
        if (value == null) {
            throw failure(PowerAction.OPEN, PowerException.Kind.CONFIGURATION,
                    "the " + what + " variable " + variable.get() + " is not set in the environment");
        }
        return value;
    }

    /** Each request has the spec's timeout (the client's and the body's); no worker thread is needed. */
    @Override
    protected void set(boolean on, Operations.Deadline deadline) throws PowerException {
        request(PowerAction.of(on), on ? spec.onUrl() : spec.offUrl());
    }

    @Override
    protected PowerReading get(PowerAction action, Operations.Deadline deadline) throws PowerException {
        if (spec.stateUrl().isEmpty()) {
            return PowerReading.tracked(PowerState.UNKNOWN, "no state URL in the rack file");
        }
        String body = request(action, spec.stateUrl().orElseThrow());
        StateText.Read read = stateRegex.isPresent()
                ? StateText.regex(body, stateRegex.get())
                : StateText.json(body, expand(spec.stateJson().orElseThrow(), false));
        return PowerReading.readBack(read.state().orElseThrow(() -> masked(action, PowerException.Kind.BAD_REPLY,
                read.problem() + "; reply: '" + StateText.abbreviate(body) + "'")));
    }

    @Override
    protected String mismatch(PowerState now, PowerAction action) {
        return "the outlet reports " + now + " after switching " + action;
    }

    /** Sends one request; returns the body of a 2xx answer. */
    private String request(PowerAction action, String template) throws PowerException {
        String url = expand(template, true);
        String shown = secrets.mask(url);
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw masked(action, PowerException.Kind.CONFIGURATION, "not a URL: " + shown);
        }
        HttpRequest.Builder rb = HttpRequest.newBuilder(uri).timeout(spec.timeout());
        rb = spec.method() == PowerSpec.Http.Method.POST
                ? rb.POST(HttpRequest.BodyPublishers.noBody()) : rb.GET();
        if (spec.auth() == PowerSpec.Http.Auth.BASIC && (user != null || password != null)) {
            String pair = (user == null ? "" : user) + ":" + (password == null ? "" : password);
            rb.header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        CompletableFuture<HttpResponse<String>> future;
        try {
            future = client.sendAsync(rb.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IllegalArgumentException e) {
            throw masked(action, PowerException.Kind.CONFIGURATION, "cannot request " + shown + ": "
                    + secrets.mask(e.getMessage()));
        }
        HttpResponse<String> response;
        try {
            // the request timeout covers the headers; this bounds the body too
            response = future.get(spec.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw masked(action, PowerException.Kind.TIMEOUT, "no answer from " + shown + " within "
                    + Operations.text(spec.timeout()));
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw masked(action, PowerException.Kind.INTERRUPTED, "interrupted while requesting " + shown);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof HttpTimeoutException && !(c instanceof HttpConnectTimeoutException)) {
                throw masked(action, PowerException.Kind.TIMEOUT, "no answer from " + shown + " within "
                        + Operations.text(spec.timeout()));
            }
            String why = c instanceof HttpConnectTimeoutException ? "connection timed out"
                    : c instanceof ConnectException ? "connection refused or host unreachable"
                    : c instanceof IOException ? c.getClass().getSimpleName() + ": " + c.getMessage()
                    : String.valueOf(c);
            throw masked(action, PowerException.Kind.UNREACHABLE, "cannot reach " + shown + ": " + secrets.mask(why));
        }
        int status = response.statusCode();
        String body = response.body() == null ? "" : response.body();
        if (status / 100 != 2) {
            String hint = status == 401 || status == 403
                    ? " (check the credentials" + spec.userEnv().map(v -> " in $" + v).orElse("")
                            + spec.passwordEnv().map(v -> " and $" + v).orElse("") + ")"
                    : "";
            throw masked(action, PowerException.Kind.REFUSED, spec.method() + " " + shown + " answered HTTP "
                    + status + hint + (body.isBlank() ? "" : ": '" + secrets.mask(StateText.abbreviate(body)) + "'"));
        }
        return body;
    }

    /** Fills a template's placeholders; user and password URL-encoded when {@code url}. */
    private String expand(String template, boolean url) {
        String s = template.replace("{host}", spec.host()).replace("{ch}", Integer.toString(spec.channel()));
        if (url && spec.auth() == PowerSpec.Http.Auth.URL) {
            s = s.replace("{user}", encode(user)).replace("{password}", encode(password));
        }
        return s;
    }

    private static String encode(String v) {
        return v == null ? "" : URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Every message is masked: a URL, a reply or an error text may carry the credentials. */
    private PowerException masked(PowerAction action, PowerException.Kind kind, String detail) {
        return failure(action, kind, secrets.mask(detail));
    }

    @Override
    public void close() {
        // HttpClient has no close() before Java 21; its threads are daemons
    }
}
