/**
 * Plain, obviously-correct versions of each layer's mathematics in double precision. They are the
 * algorithmic reference: gradient checks by finite differences run on them, and the fast float layers
 * are tested against them. Nothing here is tuned for speed.
 */
package dev.facetype.cnn.reference;
