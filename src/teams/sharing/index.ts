/** Sharing footage onward and its chain of custody, in Teams. */
export { classifySharingText } from './commands';
export { createSharingFeature, type SharingFeature } from './feature';
