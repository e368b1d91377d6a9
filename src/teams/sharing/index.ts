/** Sharing footage onward and its chain of custody, in Teams. */
export { createSharingFeature, type SharingFeature, type SharingFeatureOptions } from './feature';
export { classifySharingText, type SharingCommand } from './commands';
