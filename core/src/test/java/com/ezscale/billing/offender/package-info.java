/**
 * Classes that break the layering on purpose, for {@link com.ezscale.billing.ArchitectureTest} to
 * show that each of its rules catches what it is there to catch. Nothing uses them.
 */
package com.ezscale.billing.offender;
