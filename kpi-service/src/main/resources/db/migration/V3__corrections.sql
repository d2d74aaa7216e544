-- A correction withdraws the original (kept, marked withdrawn) and adds a new row pointing back to it.
ALTER TABLE measurement ADD COLUMN correction_of BIGINT REFERENCES measurement (id);
ALTER TABLE measurement ADD COLUMN note TEXT;
