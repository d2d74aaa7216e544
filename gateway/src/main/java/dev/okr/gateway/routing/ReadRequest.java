package dev.okr.gateway.routing;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.core.http.impl.HttpServerRequestWrapper;

/**
 * A request whose body the gateway has already read whole ({@link EdgeGuard#readChunkedBody}): the reverse proxy
 * still pauses and resumes it as it would a live stream, which an HTTP/2 request refuses once it has ended, so
 * those calls do nothing here; the body goes on as the buffer the proxy is given instead.
 */
final class ReadRequest extends HttpServerRequestWrapper {

    ReadRequest(HttpServerRequest request) {
        super((HttpServerRequestInternal) request);
    }

    @Override
    public HttpServerRequest pause() {
        return this;
    }

    @Override
    public HttpServerRequest resume() {
        return this;
    }

    @Override
    public HttpServerRequest fetch(long amount) {
        return this;
    }

    @Override
    public HttpServerRequest handler(Handler<Buffer> handler) {
        return this;
    }

    @Override
    public HttpServerRequest endHandler(Handler<Void> handler) {
        return this;
    }
}
