/**
 * The Teams app in-process, through botbuilder's TestAdapter: the real store (SQLite in a temp
 * dir), the real Box emulator behind the gateway (one camera's recordings seeded) and the real
 * features. Activities go in; what the bot sent (messages and invoke responses) comes out. A turn
 * runs through `app.run` itself, so an exception a route lets escape rejects the turn here rather
 * than being turned into the error card.
 */
import type { Application, TurnState } from '@microsoft/teams-ai';
import {
  ActivityTypes,
  INVOKE_RESPONSE_KEY,
  TestAdapter,
  type Activity,
  type ResourceResponse,
  type TurnContext,
} from 'botbuilder';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createAccessFeature } from '../../src/access-wiring';
import { teamsServices } from '../../src/bot';
import { loadConfig } from '../../src/config';
import { FindFootage } from '../../src/footage/find';
import type { Person } from '../../src/footage/people';
import type { Store } from '../../src/footage/ports/store';
import { FootageSearch } from '../../src/footage/search-service';
import { loadDemoData, seedDemoData } from '../../src/seed';
import { openStore } from '../../src/store';
import { createTeamsApp } from '../../src/teams/app';
import { startHarness as startEmulator, type EmulatorHarness } from '../box/emulator-support';
import { demoGazetteer, demoJson } from '../footage/demo-data';
import { useFixture } from '../store/support';

export const TENANT = '9b3c7d1e-2222-4b2b-8b02-000000000001';
export const people = demoJson<{ people: Person[] }>('roster.json').people;

const RAM_DISK = '/dev/shm';

export interface InProcessBot {
  store: Store;
  emulator: EmulatorHarness;
  /** Runs one activity and returns what the bot sent during it. */
  turn(input: Partial<Activity>): Promise<Partial<Activity>[]>;
}

/** Starts the bot for the describe block; `run` wraps each turn (e.g. runTurn for the error card). */
export function useInProcessBot(
  testFile: string,
  options: {
    notice?: string;
    /** The database in RAM (tmpfs) where the machine has one: for suites of thousands of turns, where fsync would dominate. */
    inMemoryDisk?: boolean;
    run?: (app: Application<TurnState>, context: Parameters<Application<TurnState>['run']>[0]) => Promise<unknown>;
  } = {},
): { readonly bot: InProcessBot } {
  const fixture = useFixture('sqlite', testFile);
  let bot: InProcessBot | undefined;
  let emulator: EmulatorHarness | undefined;
  let ramStore: Store | undefined;
  let ramDir: string | undefined;
  beforeAll(async () => {
    emulator = await startEmulator({ validateAgainstSpec: false });
    const demo = loadDemoData(path.join(__dirname, '..', '..', 'demo'));
    await seedDemoData(emulator.box, {
      ...demo,
      footage: demo.footage.filter((f) => f.cameraId === 'LAM-0105'),
      roster: [],
    });
    if (options.inMemoryDisk && existsSync(RAM_DISK)) ramDir = mkdtempSync(path.join(RAM_DISK, 'cctv-store-'));
    const store = ramDir ? (ramStore = await openStore({ dataDir: ramDir })) : (await fixture.store()).store;
    await store.people.replaceRoster(people);
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: '/nonexistent', CLOCK_NOW: '2026-03-20T10:00:00Z' });
    // The adapter is needed to build the app that its turns then run.
    const built: { app?: Application<TurnState> } = {};
    const adapter = new ServingAdapter(async (context) => {
      await (options.run ? options.run(built.app!, context) : built.app!.run(context));
    });
    const access = createAccessFeature({
      store,
      box: emulator.box,
      adapter,
      botAppId: '',
      policy: config.access,
      jobs: config.jobs,
    });
    const find = new FindFootage(new FootageSearch(emulator.box), demoGazetteer());
    const notice = options.notice;
    built.app = createTeamsApp(
      undefined,
      undefined,
      teamsServices({
        box: emulator.box,
        find,
        access: access.routes,
        config,
        ...(notice ? { notice: () => notice } : {}),
      }),
    );
    const running = emulator;
    bot = {
      store,
      emulator: running,
      turn: async (input) => {
        adapter.activeQueue.length = 0;
        await adapter.processActivity(input);
        return adapter.activeQueue.splice(0);
      },
    };
  }, 60_000);
  afterAll(async () => {
    await emulator?.close();
    await ramStore?.close();
    if (ramDir) rmSync(ramDir, { recursive: true, force: true });
  });
  return {
    get bot() {
      if (!bot) throw new Error('the bot has not started');
      return bot;
    },
  };
}

/**
 * TestAdapter keeps invoke responses in its queue but, unlike the adapters that serve HTTP, does not
 * note them on the turn; teams-ai looks there to know the invoke was answered. Noting it as they do
 * keeps the turn's answers what Teams would get.
 */
class ServingAdapter extends TestAdapter {
  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    for (const sent of activities)
      if (sent.type === ActivityTypes.InvokeResponse) context.turnState.set(INVOKE_RESPONSE_KEY, sent);
    return super.sendActivities(context, activities);
  }
}

export function activity(person: { aadObjectId: string; name: string }, fields: Partial<Activity>): Partial<Activity> {
  return {
    channelId: 'msteams',
    serviceUrl: 'https://smba.example/teams/',
    from: { id: `29:${person.aadObjectId}`, name: person.name, aadObjectId: person.aadObjectId },
    recipient: { id: '28:bot', name: 'CCTV Footage' },
    conversation: {
      id: `a:${person.aadObjectId}`,
      conversationType: 'personal',
      tenantId: TENANT,
      isGroup: false,
      name: '',
    },
    channelData: { tenant: { id: TENANT } },
    ...fields,
  };
}

/** An Action.Execute invoke, as Teams sends a button's click. */
export function clickActivity(
  person: { aadObjectId: string; name: string },
  verb: unknown,
  data: unknown,
): Partial<Activity> {
  return activity(person, {
    type: ActivityTypes.Invoke,
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data } },
  });
}

export function cardsOf(sent: Partial<Activity>[]): unknown[] {
  return sent.flatMap((a) => (a.attachments ?? []).map((attachment) => attachment.content));
}
