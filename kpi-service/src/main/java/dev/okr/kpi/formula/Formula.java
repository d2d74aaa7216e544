package dev.okr.kpi.formula;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.ezylang.evalex.EvaluationException;
import com.ezylang.evalex.Expression;
import com.ezylang.evalex.config.ExpressionConfiguration;
import com.ezylang.evalex.data.EvaluationValue;
import com.ezylang.evalex.parser.ParseException;

import dev.okr.platform.problem.ProblemException;

/**
 * A FORMULA KPI's expression over other KPIs, evaluated with EvalEx (a maintained expression library:
 * arithmetic, parentheses and functions, no scripting). Variables are KPI keys, with a key's dashes
 * written as underscores ({@code cost_per_lead} for {@code cost-per-lead}), e.g. {@code spend / leads} or
 * {@code (revenue - cost) / cost * 100}.
 */
public final class Formula {

    private static final ExpressionConfiguration CONFIG = ExpressionConfiguration.builder()
            .mathContext(MathContext.DECIMAL64)
            .arraysAllowed(false)
            .structuresAllowed(false)
            .implicitMultiplicationAllowed(false)
            .singleQuoteStringLiteralsAllowed(false)
            .build();

    /** A value, or why there is none (a missing input, a division by zero). */
    public record Result(Double value, String problem) {
    }

    private final String text;
    private final Map<String, String> keysByVariable;

    private Formula(String text, Map<String, String> keysByVariable) {
        this.text = text;
        this.keysByVariable = keysByVariable;
    }

    /** Parses and checks the expression; a syntax error is a 400 naming {@code dataSource.formula}. */
    public static Formula parse(String text) {
        if (text == null || text.isBlank()) {
            throw ProblemException.invalid("dataSource.formula", "a FORMULA KPI needs an expression over other KPIs' keys");
        }
        Expression expression = new Expression(text, CONFIG);
        Set<String> variables;
        try {
            expression.validate();
            variables = expression.getUsedVariables();
        } catch (ParseException e) {
            throw ProblemException.invalid("dataSource.formula", "cannot read the expression: " + e.getMessage());
        }
        if (variables.isEmpty()) {
            throw ProblemException.invalid("dataSource.formula", "must use at least one other KPI's key");
        }
        Map<String, String> keys = new LinkedHashMap<>();
        for (String variable : new TreeSet<>(variables)) {
            keys.put(variable, variable.toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        }
        return new Formula(text, keys);
    }

    /** The keys of the KPIs the expression reads. */
    public Set<String> inputKeys() {
        return new TreeSet<>(keysByVariable.values());
    }

    public String text() {
        return text;
    }

    /** Evaluates with each input KPI's value by key; a missing value or an arithmetic failure is a problem, not a crash. */
    public Result evaluate(Map<String, Double> valuesByKey) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, String> v : keysByVariable.entrySet()) {
            Double value = valuesByKey.get(v.getValue());
            if (value == null) {
                return new Result(null, v.getValue() + " has no value yet");
            }
            values.put(v.getKey(), BigDecimal.valueOf(value));
        }
        try {
            EvaluationValue result = new Expression(text, CONFIG).withValues(values).evaluate();
            if (!result.isNumberValue()) {
                return new Result(null, "the expression does not give a number");
            }
            double number = result.getNumberValue().doubleValue();
            return Double.isFinite(number) ? new Result(number, null) : new Result(null, "the result is not a finite number");
        } catch (EvaluationException e) {
            String message = e.getMessage() == null ? "cannot be evaluated" : e.getMessage();
            return new Result(null, message.toLowerCase(java.util.Locale.ROOT).contains("division by zero")
                    ? "division by zero (" + zeroes(valuesByKey) + ")" : message);
        } catch (ParseException | ArithmeticException e) {
            String message = String.valueOf(e.getMessage());
            return new Result(null, message.toLowerCase(java.util.Locale.ROOT).contains("zero")
                    ? "division by zero (" + zeroes(valuesByKey) + ")" : message);
        }
    }

    private String zeroes(Map<String, Double> valuesByKey) {
        return String.join(", ", inputKeys().stream().filter(k -> Double.valueOf(0).equals(valuesByKey.get(k)))
                .map(k -> k + " is 0").toList());
    }
}
