package dev.okr.platform.web;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * {@code If-None-Match} on a GET (RFC 9110 §13.1.2): when the answer's ETag is one the client names (or it sends
 * {@code *}), the answer is 304 Not Modified without a body — for every resource that answers an ETag.
 */
public class ConditionalGet {

    @ServerResponseFilter
    public void notModified(ContainerRequestContext request, ContainerResponseContext response) {
        String method = request.getMethod();
        if (response.getStatus() != 200 || !(HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method))) {
            return;
        }
        String ifNoneMatch = request.getHeaderString(HttpHeaders.IF_NONE_MATCH);
        Object etag = response.getHeaders().getFirst(HttpHeaders.ETAG);
        if (ifNoneMatch == null || etag == null) {
            return;
        }
        String current = etag.toString();
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            // If-None-Match compares weakly: W/"3" names the same version as "3"
            if (t.equals("*") || t.equals(current) || (t.startsWith("W/") && t.substring(2).equals(current))) {
                response.setStatus(304);
                response.setEntity(null);
                return;
            }
        }
    }
}
