-- Per-organisation health thresholds; an organisation without a row uses the defaults (DESIGN.md §2).
CREATE TABLE okr_settings (
    organisation_id       UUID             PRIMARY KEY,
    on_track_margin       DOUBLE PRECISION NOT NULL,
    at_risk_margin        DOUBLE PRECISION NOT NULL,
    low_confidence        INT              NOT NULL,
    aspirational_achieved DOUBLE PRECISION NOT NULL,
    version               BIGINT           NOT NULL,
    updated_at            TIMESTAMPTZ      NOT NULL
);
