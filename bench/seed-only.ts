/** Seeds (or checks) the benchmark's scaled data set without running any benchmark: `node dist/bench/seed-only.js [count]`. */
import { startScaledEmulator } from './support/scaled-emulator';

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 100_000);
  const started = Date.now();
  const emulator = await startScaledEmulator(count, (line) => console.log(line));
  console.log(`${count} recordings ready in ${((Date.now() - started) / 1000).toFixed(1)} s`, emulator.seed);
  await emulator.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
