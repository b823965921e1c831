/**
 * The largest image (in pixels) idgate decodes: intake refuses bigger ones at create/upload
 * (IDGATE_MAX_IMAGE_PIXELS may lower it, never raise it) and the engines decode up to it, so an
 * image accepted at create is never refused later. 40 MP covers any phone camera in full
 * resolution; sharp's decoder memory grows with the pixel count.
 */
export const MAX_IMAGE_PIXELS = 40_000_000;
