export { seedDemoData, sameMetadata, readClips, toMetadata, FOOTAGE_ROOT, type SeedOptions, type SeedProgress, type SeedReport, type Tally } from './seed';
export { loadDemoData, type DemoData, type DemoRecording, type DemoCamera, type DemoPerson } from './demoData';
export { storedFileNames } from './fileNames';
export { scaleDemoData } from './scaled-data';
