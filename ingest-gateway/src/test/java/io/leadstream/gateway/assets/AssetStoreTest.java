package io.leadstream.gateway.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.gateway.GatewayOptions;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AssetStoreTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close();
    }

    @Test
    void theLocalFolderIsTheDefault() {
        assertThat(AssetStore.from(vertx, LeadStreamConfig.empty())).isInstanceOf(AssetFiles.class);
    }

    @Test
    void anS3StoreNeedsItsBucket() {
        LeadStreamConfig config = LeadStreamConfig.empty().with(GatewayOptions.ASSET_STORE, "s3");
        assertThatThrownBy(() -> AssetStore.from(vertx, config)).hasMessage("gateway.asset-s3-bucket is needed with gateway.asset-store s3");
        assertThat(AssetStore.from(vertx, config.with(GatewayOptions.ASSET_S3_BUCKET, "assets").with(GatewayOptions.ASSET_S3_ACCESS_KEY, "k")
                .with(GatewayOptions.ASSET_S3_SECRET_KEY, "s"))).isInstanceOf(S3AssetStore.class);
    }

    @Test
    void anUnknownStoreIsRefusedByName() {
        assertThatThrownBy(() -> AssetStore.from(vertx, LeadStreamConfig.empty().with(GatewayOptions.ASSET_STORE, "ftp")))
                .hasMessage("gateway.asset-store: 'local' or 's3', not 'ftp'");
    }
}
