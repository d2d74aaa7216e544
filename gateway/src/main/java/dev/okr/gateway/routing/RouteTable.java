package dev.okr.gateway.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which service owns a public path: the longest configured prefix that matches on a segment
 * boundary ({@code /api/v1/kpis} owns {@code /api/v1/kpis/42} and {@code /api/v1/kpis:batch},
 * not {@code /api/v1/kpisx}); a colon may arrive percent-encoded. A prefix segment {@code *} stands for
 * any one segment, so a service may own a sub-resource of another's resource (the check-ins due of an org
 * unit, under {@code /api/v1/org-units/{id}}).
 */
public final class RouteTable {

    private record Entry(String prefix, String service) {
    }

    private final List<Entry> entries;

    public RouteTable(Map<String, List<String>> prefixesByService) {
        List<Entry> all = new ArrayList<>();
        prefixesByService.forEach((service, prefixes) -> prefixes.forEach(p -> all.add(new Entry(trim(p), service))));
        all.sort(Comparator.comparingInt((Entry e) -> e.prefix().length()).reversed());
        this.entries = List.copyOf(all);
    }

    public Optional<String> serviceFor(String path) {
        return entryFor(path).map(Entry::service);
    }

    /**
     * The path as metrics label it: the owning prefix, and {@code /{path}} for whatever follows it — never the
     * ids and keys a caller sent, so labels stay few and name nobody's resources.
     */
    public String template(String path) {
        for (Entry e : entries) {
            int matched = matchedLength(e.prefix(), path);
            if (matched >= 0) {
                String label = e.prefix().replace("/*", "/{id}");
                return matched == path.length() ? label : label + "/{path}";
            }
        }
        return "/api/v1/{unknown}";
    }

    private Optional<Entry> entryFor(String path) {
        return entries.stream().filter(e -> matchedLength(e.prefix(), path) >= 0).findFirst();
    }

    /** How much of {@code path} the prefix covers, when it ends there on a boundary; else -1. */
    private static int matchedLength(String prefix, String path) {
        int at = 0;
        for (String segment : prefix.substring(1).split("/", -1)) {
            if (at >= path.length() || path.charAt(at) != '/') {
                return -1;
            }
            at++;
            if (segment.equals("*")) {
                int end = at;
                while (end < path.length() && path.charAt(end) != '/' && path.charAt(end) != '?') {
                    end++;
                }
                if (end == at) {
                    return -1;
                }
                at = end;
            } else if (path.startsWith(segment, at)) {
                at += segment.length();
            } else {
                return -1;
            }
        }
        if (at == path.length()) {
            return at;
        }
        char next = path.charAt(at);
        return next == '/' || next == ':' || next == '?' || path.regionMatches(true, at, "%3A", 0, 3) ? at : -1;
    }

    /** Whether {@code path} (from a service's OpenAPI document) belongs to {@code service}. */
    public boolean owns(String service, String path) {
        return serviceFor(path).map(service::equals).orElse(false);
    }

    private static String trim(String prefix) {
        return prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }
}
