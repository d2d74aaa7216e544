package dev.okr.gateway.routing;

import org.jboss.logging.Logger;

import dev.okr.gateway.Problems;
import io.smallrye.common.vertx.ContextLocals;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;

/**
 * How the gateway answers when a service does not: 503 when it cannot be reached (down, restarting, not
 * listening), 504 when it took longer than the upstream's timeout, 502 when the connection broke off —
 * each as problem+json with the request id. A safe method (GET, HEAD) whose connection failed or closed
 * before an answer is tried again, a few times with short pauses; anything that changes state never is.
 */
final class UpstreamFailures implements ProxyInterceptor {

    private static final Logger LOG = Logger.getLogger(UpstreamFailures.class);
    private static final long[] PAUSES_MS = {50, 200, 500};
    /** A chunked body the gateway read whole (EdgeGuard) and sends on with its length. */
    static final String BUFFERED_BODY = "okr.buffered-body";

    private final Vertx vertx;
    private final String service;
    private final int retries;

    UpstreamFailures(Vertx vertx, String service, int retries) {
        this.vertx = vertx;
        this.service = service;
        this.retries = Math.min(retries, PAUSES_MS.length);
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        ContextLocals.<Buffer>get(BUFFERED_BODY).ifPresent(body -> context.request().setBody(Body.body(body)));
        HttpMethod method = context.request().getMethod();
        boolean safe = method == HttpMethod.GET || method == HttpMethod.HEAD;
        return attempt(context, safe ? retries : 0, 0);
    }

    private Future<ProxyResponse> attempt(ProxyContext context, int retriesLeft, int attempt) {
        return context.sendRequest().recover(failure -> {
            if (retriesLeft > 0 && retriable(failure)) {
                // a GET's body is empty: an empty one can be sent again, the caller's stream only once
                context.request().setBody(Body.body(Buffer.buffer()));
                Promise<ProxyResponse> again = Promise.promise();
                vertx.setTimer(PAUSES_MS[attempt], t -> attempt(context, retriesLeft - 1, attempt + 1).onComplete(again));
                return again.future();
            }
            return Future.succeededFuture(answer(context, failure));
        });
    }

    private static boolean retriable(Throwable failure) {
        return UpstreamFailure.refused(failure) || failure instanceof HttpClosedException;
    }

    private ProxyResponse answer(ProxyContext context, Throwable failure) {
        String uri = context.request().getURI();
        UpstreamFailure answer = UpstreamFailure.of(failure, service, uri);
        LOG.warnf("%s %s → %s: %d (%s)", context.request().getMethod(), uri, service, answer.status(), failure.toString());
        return context.request().release().response().setStatusCode(answer.status())
                .putHeader("Content-Type", Problems.MEDIA_TYPE)
                .setBody(Body.body(Buffer.buffer(answer.json(uri))));
    }

    @Override
    public Future<Void> handleProxyResponse(ProxyContext context) {
        ProxyResponse response = context.response();
        String id = context.request().proxiedRequest().getHeader(EdgeGuard.REQUEST_ID);
        if (id != null) {
            response.headers().set(EdgeGuard.REQUEST_ID, id);
        }
        return context.sendResponse();
    }
}
