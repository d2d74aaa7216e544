package dev.okr.objectives.checkin;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.okr.platform.web.Cursor;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class CheckInRepository implements PanacheRepositoryBase<CheckIn, UUID> {

    /** A key result's check-ins, the latest dated first. */
    public Uni<List<CheckIn>> history(UUID keyResultId, Cursor before, int rows) {
        if (before == null) {
            return find("keyResultId = ?1 order by checkedInAt desc, id desc", keyResultId).range(0, rows - 1).list();
        }
        return find("keyResultId = ?1 and (checkedInAt < ?2 or (checkedInAt = ?2 and id < ?3)) order by checkedInAt desc, id desc",
                keyResultId, before.createdAt(), before.id()).range(0, rows - 1).list();
    }
}
