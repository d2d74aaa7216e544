package dev.okr.gateway.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which service owns a public path: the longest configured prefix that matches on a segment
 * boundary ({@code /api/v1/kpis} owns {@code /api/v1/kpis/42} and {@code /api/v1/kpis:batch},
 * not {@code /api/v1/kpisx}); a colon may arrive percent-encoded.
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
        return entryFor(path).map(e -> path.length() == e.prefix().length() ? e.prefix() : e.prefix() + "/{path}")
                .orElse("/api/v1/{unknown}");
    }

    private Optional<Entry> entryFor(String path) {
        for (Entry e : entries) {
            if (path.startsWith(e.prefix())) {
                if (path.length() == e.prefix().length()) {
                    return Optional.of(e);
                }
                String rest = path.substring(e.prefix().length());
                char next = rest.charAt(0);
                if (next == '/' || next == ':' || next == '?' || rest.regionMatches(true, 0, "%3A", 0, 3)) {
                    return Optional.of(e);
                }
            }
        }
        return Optional.empty();
    }

    /** Whether {@code path} (from a service's OpenAPI document) belongs to {@code service}. */
    public boolean owns(String service, String path) {
        return serviceFor(path).map(service::equals).orElse(false);
    }

    private static String trim(String prefix) {
        return prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }
}
