package dev.okr.platform.input;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import dev.okr.contracts.problem.Problem;

/**
 * A request whose fields must agree with each other (an end after its start, an upper value above the value). Its
 * checks run with the field constraints, in the same validation, so a request learns every error at once — a blank
 * name and an end before the start in one answer — each naming its field. A check must take its fields as they come,
 * null included: the field constraints report those.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = CrossChecked.Validator.class)
public @interface CrossChecked {

    String message() default "is inconsistent";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** What a cross-checked request implements: its errors across fields, each naming its field relative to it. */
    interface Checks {
        List<Problem.FieldError> crossCheck();
    }

    /** Turns each error into a violation on its field, where the field constraints' violations go too. */
    class Validator implements ConstraintValidator<CrossChecked, Checks> {

        @Override
        public boolean isValid(Checks value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            List<Problem.FieldError> errors = value.crossCheck();
            if (errors.isEmpty()) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            for (Problem.FieldError error : errors) {
                String[] path = error.field().split("\\.");
                var violation = context.buildConstraintViolationWithTemplate(literal(error.message()))
                        .addPropertyNode(path[0]);
                for (int i = 1; i < path.length; i++) {
                    violation = violation.addPropertyNode(path[i]);
                }
                violation.addConstraintViolation();
            }
            return false;
        }

        /** The message as it is: no message parameter or expression in it is interpreted. */
        private static String literal(String message) {
            return message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
        }
    }
}
