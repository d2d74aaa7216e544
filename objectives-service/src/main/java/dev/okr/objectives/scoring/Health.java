package dev.okr.objectives.scoring;

/** How a key result or an objective is doing against the time its cycle has used (DESIGN.md §2). */
public enum Health {
    NOT_STARTED, ON_TRACK, AT_RISK, OFF_TRACK, ACHIEVED, MISSED
}
