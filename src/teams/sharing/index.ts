/** Sharing footage onward and its chain of custody, in Teams. */
export { createSharingFeature,   } from './feature';
export { classifySharingText,  } from './commands';
