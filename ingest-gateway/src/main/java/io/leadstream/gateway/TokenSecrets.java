package io.leadstream.gateway;

import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.email.LinkOptions;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The key that signs the gateway's tokens (email links, access tokens): the configured one, or a random one for this process. */
final class TokenSecrets {
    private static final Logger LOG = LoggerFactory.getLogger(TokenSecrets.class);

    private TokenSecrets() {}

    static String of(LeadStreamConfig config) {
        String secret = config.get(LinkOptions.TOKEN_SECRET);
        if (!secret.isBlank()) {
            return secret;
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        LOG.warn("gateway.token-secret is not set: using a random key; email links will not verify after a restart");
        return HexFormat.of().formatHex(random);
    }
}
