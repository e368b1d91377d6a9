export { seedDemoData, FOOTAGE_ROOT, type SeedReport } from './seed';
export { loadDemoData, type DemoData } from './demo-data';

