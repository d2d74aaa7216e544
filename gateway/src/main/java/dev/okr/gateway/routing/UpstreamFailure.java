package dev.okr.gateway.routing;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import dev.okr.gateway.Problems;

/**
 * What a failed call to a service means for the caller, said once for the proxy and the composite views: 503 when
 * the service cannot be reached (down, restarting, not listening), 504 when it took longer than the upstream's
 * timeout, 502 when the connection broke off or the answer was unusable.
 */
public record UpstreamFailure(int status, String slug, String title, String detail) {

    public static UpstreamFailure of(Throwable failure, String service, String uri) {
        if (timedOut(failure)) {
            return new UpstreamFailure(504, "gateway-timeout", "Gateway Timeout", "The " + service + " service took too long to answer "
                    + uri + "; it may still complete a change, so read before you repeat one.");
        }
        if (refused(failure)) {
            return new UpstreamFailure(503, "service-unavailable", "Service Unavailable",
                    "The " + service + " service cannot be reached right now; try again shortly.");
        }
        return new UpstreamFailure(502, "bad-gateway", "Bad Gateway",
                "The " + service + " service did not answer " + uri + " properly; try again shortly.");
    }

    static boolean timedOut(Throwable failure) {
        return failure instanceof TimeoutException || failure instanceof io.netty.handler.timeout.TimeoutException
                || String.valueOf(failure.getMessage()).toLowerCase().contains("timeout");
    }

    static boolean refused(Throwable failure) {
        return failure instanceof ConnectException || failure.getCause() instanceof ConnectException;
    }

    /** The problem+json body. */
    public String json(String instance) {
        return Problems.json(status, slug, title, detail, instance);
    }
}
