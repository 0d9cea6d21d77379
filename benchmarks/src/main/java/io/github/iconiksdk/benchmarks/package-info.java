// SPDX-License-Identifier: Apache-2.0
/** JMH benchmarks of the SDK; run them as BENCHMARKS.md says. Not published. */
package io.github.iconiksdk.benchmarks;
