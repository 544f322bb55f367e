package io.atelier.imaging.vips;

/** The values of libvips' C enums that Atelier passes (vips/enumtypes: stable across 8.x). */
final class VipsEnums {
    static final int FORMAT_UCHAR = 0;
    static final int FORMAT_USHORT = 2;
    static final int INTERPRETATION_B_W = 1;
    static final int INTERPRETATION_CMYK = 15;
    static final int INTERPRETATION_SRGB = 22;
    static final int INTERPRETATION_GREY16 = 26;
    static final int INTERPRETATION_RGB16 = 25;
    static final int SIZE_DOWN = 2;
    static final int SIZE_FORCE = 3;
    static final int INTERESTING_CENTRE = 1;
    static final int EXTEND_BACKGROUND = 5;
    static final int DIRECTION_CENTRE = 0;

    private VipsEnums() {}
}
