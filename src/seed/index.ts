export { seedDemoData, readClips, toMetadata, FOOTAGE_ROOT, type SeedReport } from './seed';
export { loadDemoData, type DemoData } from './demo-data';
export { scaleDemoData } from './scaled-data';
export { storedFileNames } from './file-names';

