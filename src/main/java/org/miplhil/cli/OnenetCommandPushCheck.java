package org.miplhil.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Optional;

import org.miplhil.platform.onenet.OneNetCredentials;
import org.miplhil.platform.onenet.client.CheckReport;
import org.miplhil.platform.onenet.client.OneNetSettings;
import org.miplhil.platform.onenet.push.PushReceiver;
import org.miplhil.platform.onenet.push.PushSender;

/**
 * The {@code push} item of {@code ./mipl-hil onenet check}: the push receiver listens where a run's would, and
 * OneNET's URL check is made against the push URL as the lab exposes it (the double's {@link PushSender#checkUrl()}:
 * {@code GET ?msg&nonce&signature} signed with the push token, passed when the answer is exactly {@code msg}). The
 * item passes only when the answer came back from this receiver ({@link PushReceiver#urlChecks()} moved), so a URL
 * that reaches some other server answering {@code msg} does not pass.
 */
final class OnenetCommandPushCheck {

    static final String NAME = "push";

    private OnenetCommandPushCheck() {
    }

    /** A missing token is named by the variable the user sets (the rack's name for it), never its value. */
    static CheckReport.Item run(OneNetSettings settings) {
        String tokenVariable = settings.credentialVariable(OneNetCredentials.PUSH_TOKEN);
        if (settings.pushUrl().isEmpty()) {
            return new CheckReport.Item(NAME, CheckReport.Status.OK,
                    "no push URL (--push-url): a run polls OneNET instead");
        }
        URI url = settings.pushUrl().get();
        String shown = shown(url);
        Optional<String> token = settings.credentials().pushToken().filter(t -> !t.isEmpty());
        if (token.isEmpty()) {
            // config.md: the push page takes a token, and develop-manual.md signs the URL check with it
            return new CheckReport.Item(NAME, CheckReport.Status.CONFIGURATION, "push URL " + shown
                    + " without a token: set " + tokenVariable + " to the token of OneNET's push configuration");
        }
        InetSocketAddress bind = settings.pushReceiverBind().orElseThrow();
        PushReceiver receiver;
        try {
            receiver = PushReceiver.start(bind, url.getPath(), token, settings.credentials().pushAesKey(), m -> { });
        } catch (IllegalArgumentException e) {
            return new CheckReport.Item(NAME, CheckReport.Status.CONFIGURATION, e.getMessage());
        } catch (IOException e) {
            return new CheckReport.Item(NAME, CheckReport.Status.CONFIGURATION, "the push receiver cannot listen on "
                    + bind + " (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + "): is a run listening there already? --push-bind chooses another address");
        }
        try (receiver) {
            long checksBefore = receiver.urlChecks();
            long refusedBefore = receiver.refused();
            PushSender.UrlCheck check;
            // the URL check alone: no message is queued, so the sender never POSTs
            PushSender sender = PushSender.start(PushSender.Settings.of(url, token, Optional.empty())
                    .withUrlCheck(false));
            try {
                check = sender.checkUrl();
            } finally {
                sender.close();
            }
            boolean ours = receiver.urlChecks() > checksBefore;
            boolean refusedByUs = receiver.refused() > refusedBefore;
            String where = " (receiver on " + receiver.uri() + ")";
            if (check.passed() && ours) {
                return new CheckReport.Item(NAME, CheckReport.Status.OK, shown + " verified: OneNET's URL check"
                        + " reached this receiver and its answer came back" + where);
            }
            if (check.passed()) {
                return new CheckReport.Item(NAME, CheckReport.Status.PLATFORM, shown + " answered the URL check, but"
                        + " not through this receiver" + where + ": another server answers at that URL");
            }
            if (refusedByUs) {
                return new CheckReport.Item(NAME, CheckReport.Status.PLATFORM, shown + " reached this receiver, which"
                        + " refused the signature" + where);
            }
            if (check.detail().startsWith("HTTP")) {
                return new CheckReport.Item(NAME, CheckReport.Status.PLATFORM, shown + " answered the URL check with "
                        + check.detail() + ", not from this receiver" + where + ": another server answers there"
                        + " (one whose push token differs from " + tokenVariable + " answers 403)");
            }
            return new CheckReport.Item(NAME, CheckReport.Status.PLATFORM, shown + " is unreachable ("
                    + check.detail() + ")" + where + ": the lab must forward it to this receiver");
        }
    }

    /** The URL without user info, query or fragment. */
    static String shown(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + (url.getRawPath() == null ? "" : url.getRawPath());
    }
}
