package dev.okr.kpi.formula;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.ezylang.evalex.EvaluationException;
import com.ezylang.evalex.Expression;
import com.ezylang.evalex.config.ExpressionConfiguration;
import com.ezylang.evalex.config.MapBasedFunctionDictionary;
import com.ezylang.evalex.config.MapBasedOperatorDictionary;
import com.ezylang.evalex.functions.basic.AbsFunction;
import com.ezylang.evalex.functions.basic.IfFunction;
import com.ezylang.evalex.functions.basic.MaxFunction;
import com.ezylang.evalex.functions.basic.MinFunction;
import com.ezylang.evalex.functions.basic.RoundFunction;
import com.ezylang.evalex.operators.arithmetic.InfixDivisionOperator;
import com.ezylang.evalex.operators.arithmetic.InfixMinusOperator;
import com.ezylang.evalex.operators.arithmetic.InfixModuloOperator;
import com.ezylang.evalex.operators.arithmetic.InfixMultiplicationOperator;
import com.ezylang.evalex.operators.arithmetic.InfixPlusOperator;
import com.ezylang.evalex.operators.arithmetic.PrefixMinusOperator;
import com.ezylang.evalex.operators.arithmetic.PrefixPlusOperator;
import com.ezylang.evalex.operators.booleans.InfixAndOperator;
import com.ezylang.evalex.operators.booleans.InfixEqualsOperator;
import com.ezylang.evalex.operators.booleans.InfixGreaterEqualsOperator;
import com.ezylang.evalex.operators.booleans.InfixGreaterOperator;
import com.ezylang.evalex.operators.booleans.InfixLessEqualsOperator;
import com.ezylang.evalex.operators.booleans.InfixLessOperator;
import com.ezylang.evalex.operators.booleans.InfixNotEqualsOperator;
import com.ezylang.evalex.operators.booleans.InfixOrOperator;
import com.ezylang.evalex.operators.booleans.PrefixNotOperator;
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

    /** The longest expression, and the deepest nesting of parentheses, a formula may have. */
    public static final int MAX_LENGTH = 1000;
    public static final int MAX_NESTING = 16;

    /**
     * The arithmetic a KPI needs and nothing whose cost grows with its argument (no power, factorial,
     * square root or logarithm): + − × ÷ and remainder, comparisons and logic for IF, and the functions below.
     */
    private static final ExpressionConfiguration CONFIG = ExpressionConfiguration.builder()
            .operatorDictionary(MapBasedOperatorDictionary.ofOperators(
                    Map.entry("+", new PrefixPlusOperator()), Map.entry("-", new PrefixMinusOperator()),
                    Map.entry("+", new InfixPlusOperator()), Map.entry("-", new InfixMinusOperator()),
                    Map.entry("*", new InfixMultiplicationOperator()), Map.entry("/", new InfixDivisionOperator()),
                    Map.entry("%", new InfixModuloOperator()),
                    Map.entry("=", new InfixEqualsOperator()), Map.entry("==", new InfixEqualsOperator()),
                    Map.entry("!=", new InfixNotEqualsOperator()), Map.entry("<>", new InfixNotEqualsOperator()),
                    Map.entry(">", new InfixGreaterOperator()), Map.entry(">=", new InfixGreaterEqualsOperator()),
                    Map.entry("<", new InfixLessOperator()), Map.entry("<=", new InfixLessEqualsOperator()),
                    Map.entry("&&", new InfixAndOperator()), Map.entry("||", new InfixOrOperator()),
                    Map.entry("!", new PrefixNotOperator())))
            .functionDictionary(MapBasedFunctionDictionary.ofFunctions(
                    Map.entry("MIN", new MinFunction()), Map.entry("MAX", new MaxFunction()),
                    Map.entry("ABS", new AbsFunction()), Map.entry("ROUND", new RoundFunction()),
                    Map.entry("IF", new IfFunction())))
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
        if (text.length() > MAX_LENGTH) {
            throw ProblemException.invalid("dataSource.formula", "at most " + MAX_LENGTH + " characters");
        }
        if (nesting(text) > MAX_NESTING) {
            throw ProblemException.invalid("dataSource.formula", "parentheses nest at most " + MAX_NESTING + " deep");
        }
        Expression expression = new Expression(text, CONFIG);
        Set<String> variables;
        try {
            expression.validate();
            variables = expression.getUsedVariables();
        } catch (ParseException e) {
            throw ProblemException.invalid("dataSource.formula", "cannot read the expression: " + e.getMessage()
                    + " (allowed: + - * / %, comparisons, && || !, parentheses, MIN, MAX, ABS, ROUND, IF)");
        }
        if (variables.isEmpty()) {
            throw ProblemException.invalid("dataSource.formula", "must use at least one other KPI's key");
        }
        Map<String, String> keys = new LinkedHashMap<>();
        for (String variable : new TreeSet<>(variables)) {
            keys.put(variable, variable.toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        return new Formula(text, keys);
    }

    private static int nesting(String text) {
        int depth = 0;
        int deepest = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                deepest = Math.max(deepest, ++depth);
            } else if (c == ')') {
                depth--;
            }
        }
        return deepest;
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
            return new Result(null, message.toLowerCase(Locale.ROOT).contains("division by zero")
                    ? "division by zero (" + zeroes(valuesByKey) + ")" : message);
        } catch (ParseException | ArithmeticException e) {
            String message = String.valueOf(e.getMessage());
            return new Result(null, message.toLowerCase(Locale.ROOT).contains("zero")
                    ? "division by zero (" + zeroes(valuesByKey) + ")" : message);
        }
    }

    private String zeroes(Map<String, Double> valuesByKey) {
        return String.join(", ", inputKeys().stream().filter(k -> Double.valueOf(0).equals(valuesByKey.get(k)))
                .map(k -> k + " is 0").toList());
    }
}
