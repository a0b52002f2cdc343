package app.clinic.patient;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A phone number libphonenumber can read (null passes: pair with @NotBlank where it is required). */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = PossiblePhoneNumber.Validator.class)
@interface PossiblePhoneNumber {

    String message() default "must be a possible phone number, e.g. +91 98765 43210";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<PossiblePhoneNumber, String> {

        private final PhoneNumbers phoneNumbers;

        Validator(PhoneNumbers phoneNumbers) {
            this.phoneNumbers = phoneNumbers;
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null
                    || value.isBlank()
                    || phoneNumbers.toE164(value).isPresent();
        }
    }
}
