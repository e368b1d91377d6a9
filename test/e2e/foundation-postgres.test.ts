import { demoUser, startHarness, type Harness } from '../support/harness';
import { PostgresSchema, TEST_DATABASE_URL } from './access/support';

/**
 * The foundation on PostgreSQL (DATABASE_URL), as a scaled-out deployment runs it: migrations on
 * start, /healthz naming the database without its password, conversation references stored there.
 * Runs whenever TEST_DATABASE_URL is given; an unreachable server fails the suite.
 */
const describeOnPostgres = TEST_DATABASE_URL ? describe : describe.skip;

describeOnPostgres('the bot on PostgreSQL', () => {
  let schema: PostgresSchema;
  let h: Harness;

  beforeAll(async () => {
    schema = new PostgresSchema(TEST_DATABASE_URL!);
    await schema.create();
    h = await startHarness({ env: { DATABASE_URL: schema.databaseUrl } });
  }, 120_000);

  afterAll(async () => {
    await h?.close();
    await schema?.drop();
  });

  test('/healthz names PostgreSQL, without a password, and says it answers', async () => {
    const body = (await (await fetch(`${h.bot.url}/healthz`)).json()) as {
      ready: boolean;
      database: { kind: string; target: string; reachable: boolean };
    };
    expect(body.ready).toBe(true);
    expect(body.database).toMatchObject({ kind: 'postgres', reachable: true });
    expect(body.database.target).toMatch(/^postgres:\/\/[^:@]*@?127\.0\.0\.1/);
  });

  test('help is answered and the conversation reference lands in PostgreSQL', async () => {
    const alice = demoUser('alice');
    await h.teams.say(alice, 'help');
    await h.connector.waitFor(() => h.connector.cards().length >= 1);
    expect(h.bot.store!.kind).toBe('postgres');
    expect((await h.bot.store!.conversations.get(alice.aadObjectId)).personal?.address.data.serviceUrl).toBe(
      h.connector.url,
    );
  });
});
