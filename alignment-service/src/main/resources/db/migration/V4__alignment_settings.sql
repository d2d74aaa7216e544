-- Per-organisation roll-up settings; an organisation without a row uses the deployment default (1).
CREATE TABLE alignment_settings (
    organisation_id UUID             PRIMARY KEY,
    own_weight      DOUBLE PRECISION NOT NULL,
    version         BIGINT           NOT NULL,
    updated_at      TIMESTAMPTZ      NOT NULL,
    CONSTRAINT alignment_settings_weight CHECK (own_weight >= 0)
);
