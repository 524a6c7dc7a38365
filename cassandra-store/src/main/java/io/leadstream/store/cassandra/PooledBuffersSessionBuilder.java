package io.leadstream.store.cassandra;

import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.context.DriverContext;
import com.datastax.oss.driver.api.core.session.ProgrammaticArguments;
import com.datastax.oss.driver.internal.core.context.DefaultDriverContext;
import com.datastax.oss.driver.internal.core.context.DefaultNettyOptions;
import com.datastax.oss.driver.internal.core.context.NettyOptions;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;

/**
 * A session builder whose connections read into Netty's pooled buffers, not Netty 4.2's default
 * adaptive ones. The driver is built for Netty 4.1; on 4.2's adaptive buffers its frame decoding
 * failed under load (an {@code IndexOutOfBoundsException} on a sliced adaptive buffer, seen by the
 * driver as "Unexpected error on channel"), which closed the connection with every request on it:
 * about every 30 s at 1,000 events/s in the send workers. Netty 4.1 used the pooled allocator.
 */
public final class PooledBuffersSessionBuilder extends CqlSessionBuilder {
    @Override
    protected DriverContext buildContext(DriverConfigLoader configLoader, ProgrammaticArguments programmaticArguments) {
        return new DefaultDriverContext(configLoader, programmaticArguments) {
            @Override
            protected NettyOptions buildNettyOptions() {
                return new DefaultNettyOptions(this) {
                    @Override
                    public ByteBufAllocator allocator() {
                        return PooledByteBufAllocator.DEFAULT;
                    }
                };
            }
        };
    }
}
