package io.seiswork.core.segy;

import java.nio.ByteOrder;
import java.util.Locale;

/** The names Seiswork uses for byte orders on the command line and in JSON: {@code big}, {@code little}. */
public final class ByteOrders {

    private ByteOrders() {
    }

    /** {@code "big"} or {@code "little"}. */
    public static String name(ByteOrder order) {
        return order == ByteOrder.BIG_ENDIAN ? "big" : "little";
    }

    /**
     * The byte order called {@code name} ({@code big}/{@code msb} or {@code little}/{@code lsb},
     * case-insensitive).
     *
     * @throws IllegalArgumentException for any other name
     */
    public static ByteOrder parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "big", "msb", "big-endian" -> ByteOrder.BIG_ENDIAN;
            case "little", "lsb", "little-endian" -> ByteOrder.LITTLE_ENDIAN;
            default -> throw new IllegalArgumentException("unknown byte order '" + name + "' (use big or little)");
        };
    }
}
