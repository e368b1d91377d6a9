export { seedDemoData, sameMetadata, FOOTAGE_ROOT, type SeedOptions, type SeedProgress, type SeedReport, type Tally } from './seed';
export { loadDemoData, type DemoData, type DemoRecording, type DemoCamera, type DemoPerson } from './demo-data';
export { storedFileNames } from './file-names';
