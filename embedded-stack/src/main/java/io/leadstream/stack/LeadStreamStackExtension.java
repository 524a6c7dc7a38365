package io.leadstream.stack;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension: one {@link LeadStreamStack} per test JVM, started on first use and closed
 * when the JVM's test run ends. Tests ask for a {@link LeadStreamStack} or, better, a
 * {@link TestNamespace} (unique topics and keyspace) as a parameter.
 *
 * <pre>{@code
 * @ExtendWith(LeadStreamStackExtension.class)
 * class PixelToCassandraIT {
 *     @Test void hitLands(TestNamespace ns) { ... }
 * }
 * }</pre>
 */
public final class LeadStreamStackExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LeadStreamStackExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == LeadStreamStack.class || type == TestNamespace.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        LeadStreamStack stack = shared(context);
        if (parameter.getParameter().getType() == LeadStreamStack.class) {
            return stack;
        }
        String name = context.getRequiredTestClass().getSimpleName() + "_" + context.getTestMethod().map(m -> m.getName()).orElse("all");
        return new TestNamespace(stack, name);
    }

    /** The JVM-wide stack; the root store closes it after the last test. */
    public static LeadStreamStack shared(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedStack.class, k -> new SharedStack(), SharedStack.class).stack;
    }

    /** Holder closed by JUnit when the root context closes (end of the test JVM's run). */
    private static final class SharedStack implements AutoCloseable {
        private final LeadStreamStack stack = LeadStreamStack.settings().start();

        @Override
        public void close() {
            stack.close();
        }
    }
}
