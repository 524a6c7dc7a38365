package io.leadstream.store.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.session.ProgrammaticArguments;
import com.datastax.oss.driver.internal.core.context.InternalDriverContext;
import com.datastax.oss.driver.internal.core.context.NettyOptions;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;

class PooledBuffersSessionBuilderTest {
    @Test
    void connectionsReadIntoPooledBuffersThoughNettysDefaultIsAnother() {
        InternalDriverContext context = (InternalDriverContext) new PooledBuffersSessionBuilder()
                .buildContext(DriverConfigLoader.programmaticBuilder().build(), ProgrammaticArguments.builder().build());
        NettyOptions netty = context.getNettyOptions();
        try {
            assertThat(ByteBufAllocator.DEFAULT).as("Netty 4.2's default, which the driver would use").isNotInstanceOf(PooledByteBufAllocator.class);
            assertThat(netty.allocator()).isSameAs(PooledByteBufAllocator.DEFAULT);
        } finally {
            netty.onClose().awaitUninterruptibly();
        }
    }
}
