export { loadDemoData, type DemoData } from './demo-data';
export { storedFileNames } from './file-names';
export { scaleDemoData } from './scaled-data';
export { FOOTAGE_ROOT, readClips, seedDemoData, toMetadata, type SeedReport } from './seed';
