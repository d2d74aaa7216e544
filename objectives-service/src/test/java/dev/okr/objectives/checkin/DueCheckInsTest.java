package dev.okr.objectives.checkin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.okr.objectives.checkin.DueCheckIns.Candidate;
import dev.okr.objectives.checkin.DueCheckIns.DueCheckIn;
import dev.okr.objectives.keyresult.Cadence;
import dev.okr.objectives.objective.Objective;

/** Which check-ins are owed by a day, in which order, and how late. */
class DueCheckInsTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-11-16");
    private static final Instant CREATED = Instant.parse("2026-10-01T09:00:00Z");

    private static Candidate kr(String id, Cadence own, String lastCheckIn) {
        return new Candidate(UUID.fromString("00000000-0000-0000-0000-00000000000" + id), "kr " + id, own,
                lastCheckIn == null ? null : Instant.parse(lastCheckIn), CREATED, UUID.randomUUID(), "objective", Objective.OwnerType.PERSON,
                "maria", LocalDate.parse("2026-10-01"), LocalDate.parse("2026-12-31"));
    }

    private static List<String> titles(List<DueCheckIn> due) {
        return due.stream().map(DueCheckIn::keyResultTitle).toList();
    }

    @Test
    void shouldListWhatIsOwedByTodayMostOverdueFirst() {
        List<Candidate> rows = List.of(
                kr("1", null, "2026-11-09T10:00:00Z"),   // weekly (the organisation's): due today
                kr("2", null, "2026-11-01T10:00:00Z"),   // due 11-08: 8 days late
                kr("3", Cadence.MONTHLY, "2026-11-01T10:00:00Z"), // due 12-01: not yet
                kr("4", Cadence.BIWEEKLY, null),          // due 10-15: 32 days late
                kr("5", null, "2026-11-12T10:00:00Z"));  // due 11-19: not yet
        List<DueCheckIn> due = DueCheckIns.owed(rows, Cadence.WEEKLY, TODAY, TODAY);
        assertEquals(List.of("kr 4", "kr 2", "kr 1"), titles(due));
        assertEquals(List.of(32L, 8L, 0L), due.stream().map(DueCheckIn::daysOverdue).toList());
        assertEquals(List.of(Cadence.BIWEEKLY, Cadence.WEEKLY, Cadence.WEEKLY), due.stream().map(DueCheckIn::cadence).toList());
    }

    @Test
    void shouldLookAheadWhenAsked() {
        List<Candidate> rows = List.of(kr("3", Cadence.MONTHLY, "2026-11-01T10:00:00Z"), kr("5", null, "2026-11-12T10:00:00Z"));
        List<DueCheckIn> due = DueCheckIns.owed(rows, Cadence.WEEKLY, TODAY, TODAY.plusDays(3));
        assertEquals(List.of("kr 5"), titles(due));
        assertEquals(-3, due.get(0).daysOverdue());
        assertEquals(List.of("kr 5", "kr 3"), titles(DueCheckIns.owed(rows, Cadence.WEEKLY, TODAY, TODAY.plusDays(31))));
    }

    @Test
    void shouldFollowTheOrganisationsCadenceWhereTheKeyResultHasNone() {
        // last checked in on 11-05: weekly, due 11-12 (owed); every two weeks, due 11-19 (not yet)
        List<Candidate> rows = List.of(kr("1", null, "2026-11-05T10:00:00Z"));
        assertEquals(1, DueCheckIns.owed(rows, Cadence.WEEKLY, TODAY, TODAY).size());
        assertEquals(0, DueCheckIns.owed(rows, Cadence.BIWEEKLY, TODAY, TODAY).size());
    }

    @Test
    void shouldOrderTheSameDayByKeyResult() {
        List<Candidate> rows = List.of(kr("2", null, "2026-11-09T10:00:00Z"), kr("1", null, "2026-11-09T23:00:00Z"));
        assertEquals(List.of("kr 1", "kr 2"), titles(DueCheckIns.owed(rows, Cadence.WEEKLY, TODAY, TODAY)));
    }
}
