package io.leadstream.common.email;

import java.util.regex.Pattern;

/** The pragmatic address check forms and imports share: one @, a dot in the domain, no spaces. */
public final class EmailAddresses {
    private static final Pattern ADDRESS = Pattern.compile("^[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+$");

    private EmailAddresses() {}

    public static boolean looksValid(String address) {
        return address != null && ADDRESS.matcher(address).matches();
    }
}
