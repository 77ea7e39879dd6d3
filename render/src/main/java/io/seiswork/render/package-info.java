/**
 * Views of seismic data for JavaFX: 3D slice viewer, 2D sections, shot gathers and colour maps.
 *
 * <p>No code yet: this module is reserved by the architecture (see docs/architecture.md).
 */
package io.seiswork.render;
