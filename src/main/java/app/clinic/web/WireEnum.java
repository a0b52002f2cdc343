package app.clinic.web;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** An enum written on the wire and in the database in lower case: {@code checked_in}, {@code waiting}, … */
public interface WireEnum {

    String name();

    default String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static <E extends Enum<E> & WireEnum> E fromWire(Class<E> type, String value) {
        return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    }

    /** A value given by a client in the query parameter {@code parameter}; an unknown one is a 400. */
    static <E extends Enum<E> & WireEnum> E parameter(Class<E> type, String parameter, String value) {
        E[] values = type.getEnumConstants();
        return Arrays.stream(values)
                .filter(constant -> constant.wire().equals(value))
                .findFirst()
                .orElseThrow(() -> new InvalidRequestException(
                        parameter,
                        "must be one of "
                                + Arrays.stream(values).map(WireEnum::wire).collect(Collectors.joining(", "))));
    }
}
