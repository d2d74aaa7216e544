-- The KPIs a FORMULA KPI reads: when one of them changes, the formula is recomputed in the same transaction.
CREATE TABLE kpi_formula_input (
    formula_kpi_id UUID NOT NULL REFERENCES kpi (id),
    input_kpi_id   UUID NOT NULL REFERENCES kpi (id),
    PRIMARY KEY (formula_kpi_id, input_kpi_id)
);

CREATE INDEX kpi_formula_input_by_input ON kpi_formula_input (input_kpi_id);
