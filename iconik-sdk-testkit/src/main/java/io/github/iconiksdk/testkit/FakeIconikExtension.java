// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension behind {@link FakeIconikTest}: one fake iconik per test class, injected as a parameter. Usable
 * alone with {@code @ExtendWith(FakeIconikExtension.class)}.
 */
public final class FakeIconikExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            FakeIconikExtension.class);
    private static final String KEY = "fake-iconik";

    /** Creates the extension (JUnit instantiates it). */
    public FakeIconikExtension() {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NAMESPACE).put(KEY, FakeIconik.builder().build().start());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        FakeIconik fake = context.getStore(NAMESPACE).remove(KEY, FakeIconik.class);
        if (fake != null) {
            fake.stop();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        FakeIconikTest annotation = context.getRequiredTestClass().getAnnotation(FakeIconikTest.class);
        if (annotation != null && annotation.resetEachTest()) {
            fake(context).reset();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == FakeIconik.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return fake(extensionContext);
    }

    private static FakeIconik fake(ExtensionContext context) {
        FakeIconik fake = context.getStore(NAMESPACE).get(KEY, FakeIconik.class);
        if (fake == null) {
            throw new ParameterResolutionException("no fake iconik: the test class needs @FakeIconikTest or"
                    + " @ExtendWith(FakeIconikExtension.class)");
        }
        return fake;
    }
}
