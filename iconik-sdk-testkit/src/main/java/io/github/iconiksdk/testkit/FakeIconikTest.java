// SPDX-License-Identifier: Apache-2.0
package io.github.iconiksdk.testkit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Starts one {@link FakeIconik} for the annotated test class, stops it after the class, and injects it into any
 * constructor, lifecycle or test method parameter of type {@code FakeIconik}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(FakeIconikExtension.class)
public @interface FakeIconikTest {
    /** @return whether the fake is {@link FakeIconik#reset() reset} before each test (default false) */
    boolean resetEachTest() default false;
}
