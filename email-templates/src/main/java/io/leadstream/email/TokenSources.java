package io.leadstream.email;

/**
 * What tokens read beyond the send and the contact: the site's definitions, as the process knows them
 * now. Null answers mean "no such thing": the token then renders its default, else nothing.
 */
public interface TokenSources {
    /** Nothing known: links and types left out (tests, an editor's preview without a store). */
    TokenSources NONE = new TokenSources() {
        @Override
        public String pageUrl(String pageId) {
            return null;
        }

        @Override
        public String assetUrl(String assetId) {
            return null;
        }

        @Override
        public String fieldType(String alias) {
            return null;
        }
    };

    /** The public address of landing page {@code pageId}, for {@code {pagelink=ID}}. */
    String pageUrl(String pageId);

    /** The download address of asset {@code assetId}, for {@code {assetlink=ID}}. */
    String assetUrl(String assetId);

    /** The type of contact field {@code alias} ("date", "datetime", "number", ...), which decides how its value is written. */
    String fieldType(String alias);
}
