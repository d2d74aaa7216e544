package dev.okr.objectives.scoring;

/** A health with the reason a person can read ("62 % done, 80 % of the cycle elapsed: 18 points behind pace"). */
public record Assessment(Health health, String reason) {
}
