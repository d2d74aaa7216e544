package dev.okr.gateway.routing;

import java.net.URI;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;

/**
 * A service names what it created by its own address ({@code http://127.0.0.1:8081/api/v1/objectives/…}), which no
 * client can reach: the gateway gives the {@code Location} the public origin the client called (as forwarded by
 * the ingress, where the deployment trusts it), keeping the path.
 */
final class PublicLocation implements ProxyInterceptor {

    private final URI upstream;

    PublicLocation(URI upstream) {
        this.upstream = upstream;
    }

    @Override
    public Future<Void> handleProxyResponse(ProxyContext context) {
        String location = context.response().headers().get("Location");
        if (location != null) {
            String rewritten = rewrite(location, context.request().proxiedRequest());
            if (rewritten != null) {
                context.response().headers().set("Location", rewritten);
            }
        }
        return context.sendResponse();
    }

    private String rewrite(String location, HttpServerRequest incoming) {
        URI uri;
        try {
            uri = URI.create(location);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (!uri.isAbsolute() || !upstream.getHost().equalsIgnoreCase(uri.getHost()) || port(upstream) != port(uri)) {
            return null;
        }
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        HostAndPort authority = incoming.authority();
        if (authority == null) {
            return path;
        }
        return incoming.scheme() + "://" + authority.host() + (authority.port() > 0 ? ":" + authority.port() : "") + path;
    }

    private static int port(URI uri) {
        return uri.getPort() > 0 ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 80);
    }
}
