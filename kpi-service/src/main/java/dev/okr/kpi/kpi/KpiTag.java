package dev.okr.kpi.kpi;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;

/** A tag of a KPI (lower-case), for filtering lists. */
@Entity
@IdClass(KpiTag.Key.class)
public class KpiTag {

    @Id
    public UUID kpiId;
    @Id
    public String tag;

    public static class Key implements Serializable {
        public UUID kpiId;
        public String tag;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(kpiId, k.kpiId) && Objects.equals(tag, k.tag);
        }

        @Override
        public int hashCode() {
            return Objects.hash(kpiId, tag);
        }
    }

    static KpiTag of(UUID kpiId, String tag) {
        KpiTag t = new KpiTag();
        t.kpiId = kpiId;
        t.tag = tag;
        return t;
    }
}
