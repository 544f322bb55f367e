package io.atelier.cutout;

/** A model that says, for a whole image, how likely each part is to be the product: a coarse matte in 0..1. */
public interface SaliencyModel {
    /** A low-resolution matte stretched over the whole image (its own width and height, not the image's). */
    Plane predict(PixelImage image);
}
