CREATE TABLE note (
    id              UUID PRIMARY KEY,
    organisation_id UUID NOT NULL,
    text            TEXT NOT NULL,
    version         BIGINT NOT NULL
);

CREATE TABLE note_tally (
    note_id UUID PRIMARY KEY,
    applied INT NOT NULL
);
