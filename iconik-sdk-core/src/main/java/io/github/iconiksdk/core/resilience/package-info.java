// SPDX-License-Identifier: Apache-2.0
/**
 * The SDK's resilience policies on Resilience4j: the defaults the iconik client starts from (retry, rate limit,
 * circuit breaker per endpoint family), bulkhead factories for uploads and transcodes, the per-client view of the
 * policies in use ({@link io.github.iconiksdk.core.resilience.ClientResilience}), and the SDK's event listener.
 */
package io.github.iconiksdk.core.resilience;
